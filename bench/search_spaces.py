"""Search spaces as bench/optuna_search.py writes them, and the order and conditions their parameters are drawn in,
as io.paretune.contract.search.SearchSpace draws them.

A space maps a parameter name to one of

    ("float", low, high, log)
    ("int", low, high, log)
    ("cat", [choices])

each optionally followed by a dict of options:

    "step": s     an int parameter's step (low, low + s, ... <= high; 1 when absent, which log needs)
    "when": {...} a condition, as ParameterSpec's "when" is written: {"parameter": "optimizer", "in": ["sgd"]}
                  or {"parameter": "layers", "min": 3} (and/or "max"); the parameter exists in a trial only where
                  the condition's parameter exists and its value is one of "in" and within [min, max]

e.g. ("float", 0.0, 0.99, False, {"when": {"parameter": "optimizer", "in": ["sgd"]}}) or ("int", 16, 256, False,
{"step": 16}).
"""

import numbers


def options(spec):
    """The options dict of a parameter (empty when it has none)."""
    return spec[-1] if isinstance(spec[-1], dict) else {}


def step(spec):
    return options(spec).get("step", 1)


def sampling_order(space):
    """Parameter names with every condition's parameter before the parameters it conditions, otherwise by name
    (SearchSpace.samplingOrder)."""
    ordered = []
    visiting = set()

    def visit(name):
        if name in ordered:
            return
        if name in visiting:
            raise ValueError("conditions form a cycle through '%s'" % name)
        visiting.add(name)
        when = options(space[name]).get("when")
        if when is not None:
            if when["parameter"] not in space:
                raise ValueError("'%s' depends on unknown parameter '%s'" % (name, when["parameter"]))
            visit(when["parameter"])
        ordered.append(name)

    for name in sorted(space):
        visit(name)
    return ordered


def is_active(space, name, assigned):
    """Whether `name` exists in a trial whose earlier parameters took `assigned` (SearchSpace.isActive)."""
    when = options(space[name]).get("when")
    if when is None:
        return True
    value = assigned.get(when["parameter"])
    if value is None:
        return False
    if "in" in when and not any(same_value(value, v) for v in when["in"]):
        return False
    if "min" in when or "max" in when:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return False
        return ("min" not in when or value >= when["min"]) and ("max" not in when or value <= when["max"])
    return True


def same_value(a, b):
    """Equality as Java's normalized values have it: True is not 1, and 3 is not 3.0."""
    return type(a) is type(b) and a == b
