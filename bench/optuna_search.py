#!/usr/bin/python3
"""Optuna's side of `./paretune bench search`: the same test functions, domains, trial counts and seeds as
io.paretune.bench.search.SearchBenchmark, run with Optuna's RandomSampler and TPESampler (seed = the seed
number), plus Optuna's ask time on the same 10-parameter mixed space. Prints one JSON object on stdout (progress on
stderr), which SearchBenchmark merges with its own results (--optuna-from FILE).

Run it with Debian's interpreter, which has Optuna 3.1 (apt-get install python3-optuna):

    /usr/bin/python3 bench/optuna_search.py --quick > /tmp/optuna.json

The function definitions must stay identical to the Java ones (bench/src/main/java/io/paretune/bench/search/
functions/): the output carries each function's value at four probe points (low end, middle, high end of every
parameter, and the known argmin), which SearchBenchmark compares with its own. Besides the four classic functions
(the default set) there are COCO's 24 BBOB functions in 2, 5 and 10 dimensions, bbob-f01-d2 .. bbob-f24-d10, from
bbob.py beside this script.
"""

import argparse
import json
import math
import multiprocessing
import platform
import sys
import time
import warnings

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import TrialState, create_trial

# Beside this script: the script's directory is on sys.path.
import bbob
from classic_functions import CLASSIC_FUNCTIONS
from mixed_functions import MIXED_FUNCTIONS
from search_spaces import is_active, sampling_order, step

CHECKPOINTS = [10, 25, 50, 100, 200]
# Seed stream of the observation noise (RegretCurves.java draws its own: the same distribution, not the same draws).
NOISE_STREAM = 0x4E015E5E
KNOWN_SAMPLERS = ["random", "tpe", "tpe-multivariate"]
# Paretune's aliases for its TPE set to Optuna's choices (bench/SamplerChoice.java): compared with these.
COUNTERPARTS = {"tpe-as-optuna": "tpe", "tpe-as-optuna-multivariate": "tpe-multivariate"}


# ---- search spaces: name -> ("float", low, high, log) | ("int", low, high, log) | ("cat", [choices]), each with
# optional {"step": ..., "when": ...} (search_spaces.py) ----------------------------------------------------------

def floats(names, low, high, log=False):
    return {n: ("float", low, high, log) for n in names}


# ---- test functions (the same as the Java classes of io.paretune.bench.search.functions) ----------------------

class Branin:
    name = "branin"
    space = {"x1": ("float", -5.0, 10.0, False), "x2": ("float", 0.0, 15.0, False)}
    optimum = 5.0 / (4.0 * math.pi)
    argmin = {"x1": math.pi, "x2": 2.275}

    @staticmethod
    def evaluate(p):
        x1, x2 = p["x1"], p["x2"]
        b = 5.1 / (4 * math.pi * math.pi)
        c = 5 / math.pi
        t = 1 / (8 * math.pi)
        u = x2 - b * x1 * x1 + c * x1 - 6
        return u * u + 10 * (1 - t) * math.cos(x1) + 10


class Hartmann6:
    name = "hartmann6"
    space = floats(["x%d" % j for j in range(1, 7)], 0.0, 1.0)
    optimum = -3.32237
    argmin = dict(zip(["x%d" % j for j in range(1, 7)], [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]))
    ALPHA = [1.0, 1.2, 3.0, 3.2]
    A = [[10, 3, 17, 3.5, 1.7, 8],
         [0.05, 10, 17, 0.1, 8, 14],
         [3, 3.5, 1.7, 10, 17, 8],
         [17, 8, 0.05, 10, 0.1, 14]]
    P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
         [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
         [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
         [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]

    @classmethod
    def evaluate(cls, p):
        total = 0.0
        for i in range(4):
            inner = 0.0
            for j in range(6):
                d = p["x%d" % (j + 1)] - cls.P[i][j]
                inner += cls.A[i][j] * d * d
            total += cls.ALPHA[i] * math.exp(-inner)
        return -total


class Rosenbrock10:
    name = "rosenbrock10"
    names = ["x%02d" % i for i in range(1, 11)]
    space = floats(names, -5.0, 10.0)
    optimum = 0.0
    argmin = {n: 1.0 for n in names}

    @classmethod
    def evaluate(cls, p):
        total = 0.0
        x = p[cls.names[0]]
        for i in range(1, len(cls.names)):
            nxt = p[cls.names[i]]
            total += 100 * (nxt - x * x) * (nxt - x * x) + (1 - x) * (1 - x)
            x = nxt
        return total


class Mixed:
    """See MixedFunction.java: minimum 0 at learningRate 1e-3, dropout 0.3, layers 3, units 128, adam, relu."""
    name = "mixed"
    space = {
        "learningRate": ("float", 1e-5, 1.0, True),
        "dropout": ("float", 0.0, 0.8, False),
        "layers": ("int", 1, 8, False),
        "units": ("int", 8, 1024, True),
        "optimizer": ("cat", ["sgd", "momentum", "adam", "rmsprop"]),
        "activation": ("cat", ["relu", "tanh", "sigmoid"]),
    }
    optimum = 0.0
    argmin = {"learningRate": 1e-3, "dropout": 0.3, "layers": 3, "units": 128, "optimizer": "adam",
              "activation": "relu"}
    LOG10_BEST_LR = {"sgd": -1.0, "momentum": -2.0, "adam": -3.0, "rmsprop": -3.0}
    OPTIMIZER_COST = {"sgd": 1.5, "momentum": 0.8, "adam": 0.0, "rmsprop": 0.3}
    ACTIVATION_COST = {"relu": 0.0, "tanh": 0.2, "sigmoid": 1.0}

    @classmethod
    def evaluate(cls, p):
        opt = p["optimizer"]
        lr = math.log10(p["learningRate"]) - cls.LOG10_BEST_LR[opt]
        layers = p["layers"]
        dropout = p["dropout"] - 0.1 * layers
        units = math.log(p["units"]) / math.log(2) - 7
        return (lr * lr + 4 * dropout * dropout + 0.5 * (layers - 3) * (layers - 3) + 0.25 * units * units
                + cls.OPTIMIZER_COST[opt] + cls.ACTIVATION_COST[p["activation"]])


class Noisy:
    """A function observed with additive Gaussian noise (NoisyFunction.java): evaluate stays noise-free (probes and
    regret use it); regret_curve adds the noise to what the sampler is told."""

    def __init__(self, base, sd):
        self.base = base
        self.name = "noisy-" + base.name
        self.space = base.space
        self.optimum = base.optimum
        self.argmin = base.argmin
        self.noise_sd = sd

    def evaluate(self, p):
        return self.base.evaluate(p)


# In TestFunctions' order (the probes test compares the lists).
FUNCTIONS = {f.name: f for f in (Branin, Hartmann6, Rosenbrock10, Mixed) + CLASSIC_FUNCTIONS + MIXED_FUNCTIONS}
FUNCTIONS.update((f.name, f) for f in bbob.suite())
# TestFunctions.NOISE_SD: the noisy variants and their noise.
NOISE_SD = {"rastrigin-d5": 3.0, "mixed-many": 0.1, "bbob-f15-d5": 20.0,
            "styblinski-tang-d5": 8.0, "mixed-optimizer": 0.1, "bbob-f22-d5": 2.5}
FUNCTIONS.update((f.name, f) for f in [Noisy(FUNCTIONS[name], sd) for name, sd in NOISE_SD.items()])


# ---- the ask-time space (AskOverhead.java) -------------------------------------------------------------------------

OVERHEAD_SPACE = {
    "learningRate": ("float", 1e-5, 1e-1, True),
    "weightDecay": ("float", 1e-6, 1e-2, True),
    "epsilon": ("float", 1e-9, 1e-6, True),
    "dropout": ("float", 0.0, 0.5, False),
    "momentum": ("float", 0.8, 0.99, False),
    "warmupFraction": ("float", 0.0, 0.2, False),
    "units": ("int", 16, 1024, True),
    "layers": ("int", 1, 8, False),
    "activation": ("cat", ["relu", "tanh", "elu", "gelu"]),
    "optimizer": ("cat", ["adam", "nadam", "rmsprop", "sgd"]),
}
ACTIVATION_COST = {"relu": 0.0, "tanh": 0.2, "elu": 0.1, "gelu": 0.05}
OPTIMIZER_COST = {"adam": 0.0, "nadam": 0.1, "rmsprop": 0.3, "sgd": 1.0}
HISTORY_SEED = 20240611


def overhead_value(p):
    lr = math.log10(p["learningRate"]) + 3
    wd = math.log10(p["weightDecay"]) + 4
    eps = math.log10(p["epsilon"]) + 8
    dropout = p["dropout"] - 0.2
    momentum = p["momentum"] - 0.9
    warmup = p["warmupFraction"] - 0.05
    units = math.log(p["units"]) / math.log(2) - 7
    layers = p["layers"] - 3
    return (lr * lr + wd * wd / 4 + eps * eps / 4 + 10 * dropout * dropout + 100 * momentum * momentum
            + 100 * warmup * warmup + units * units / 4 + layers * layers / 4
            + ACTIVATION_COST[p["activation"]] + OPTIMIZER_COST[p["optimizer"]])


# ---- helpers ---------------------------------------------------------------------------------------------------------

def suggest(trial, space):
    """Every parameter whose condition holds, conditions' parameters first, otherwise in sorted name order (as
    SearchSpace walks them); an inactive parameter is not suggested, so Optuna sees the space define-by-run."""
    params = {}
    for name in sampling_order(space):
        if not is_active(space, name, params):
            continue
        spec = space[name]
        if spec[0] == "float":
            params[name] = trial.suggest_float(name, spec[1], spec[2], log=spec[3])
        elif spec[0] == "int":
            params[name] = trial.suggest_int(name, spec[1], spec[2], step=step(spec), log=spec[3])
        else:
            params[name] = trial.suggest_categorical(name, spec[1])
    return params


def distributions(space):
    out = {}
    for name, spec in space.items():
        if spec[0] == "float":
            out[name] = FloatDistribution(spec[1], spec[2], log=spec[3])
        elif spec[0] == "int":
            out[name] = IntDistribution(spec[1], spec[2], log=spec[3], step=step(spec))
        else:
            out[name] = CategoricalDistribution(spec[1])
    return out


def probes(f):
    """The function at the low end, middle and high end of every parameter (conditional ones included, as the
    function ignores those whose condition does not hold), and at its argmin (TestFunctions.probes)."""
    out = {}
    for where in ("low", "mid", "high"):
        point = {}
        for name, spec in f.space.items():
            if spec[0] == "float":
                point[name] = spec[1] if where == "low" else spec[2] if where == "high" else (spec[1] + spec[2]) / 2
            elif spec[0] == "int":
                size = (spec[2] - spec[1]) // step(spec) + 1
                index = 0 if where == "low" else size - 1 if where == "high" else (size - 1) // 2
                point[name] = spec[1] + index * step(spec)
            else:
                n = len(spec[1])
                point[name] = spec[1][0 if where == "low" else n - 1 if where == "high" else n // 2]
        out[where] = f.evaluate(point)
    out["argmin"] = f.evaluate(f.argmin)
    return out


def make_sampler(label, seed):
    if label == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if label == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if label == "tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
    raise ValueError(label)


def significant(x):
    return float("%.6g" % x)


def percentile(values, q):
    return float(np.percentile(np.asarray(values, dtype=float), q))  # linear interpolation, as Stats.percentile


def regret_curve(f, label, seed, trials):
    """Best-so-far regret per trial; with noise (f.noise_sd), the sampler is told f + N(0, sd^2) and the regret is the
    noise-free value of the trial with the best observed value (RegretCurves.java)."""
    study = optuna.create_study(direction="minimize", sampler=make_sampler(label, seed))
    sd = getattr(f, "noise_sd", 0.0)
    noise = np.random.default_rng([seed, NOISE_STREAM])
    best_observed = math.inf
    incumbent = math.inf
    curve = []
    for _ in range(trials):
        trial = study.ask()
        value = f.evaluate(suggest(trial, f.space))
        observed = value + sd * float(noise.standard_normal()) if sd > 0 else value
        study.tell(trial, observed)
        if observed < best_observed:
            best_observed = observed
            incumbent = value
        curve.append(max(0.0, incumbent - f.optimum))
    return curve


def regret_table(curves, checkpoints, seconds):
    regret = {}
    by_seed = {}
    for c in checkpoints:
        at = [curve[c - 1] for curve in curves]
        regret[str(c)] = {"median": significant(percentile(at, 50)), "p25": significant(percentile(at, 25)),
                          "p75": significant(percentile(at, 75))}
        by_seed[str(c)] = [significant(v) for v in at]
    return {"regret": regret, "by_seed": by_seed, "seconds": round(seconds, 2)}


def run_one(task):
    """One (function, sampler) over every seed: a unit of work for --jobs."""
    name, label, seeds, trials, checkpoints = task
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    start = time.perf_counter()
    curves = [regret_curve(FUNCTIONS[name], label, seed, trials) for seed in seeds]
    return name, label, regret_table(curves, checkpoints, time.perf_counter() - start)


def history(size):
    rng = np.random.default_rng(HISTORY_SEED)
    dists = distributions(OVERHEAD_SPACE)
    trials = []
    for _ in range(size):
        p = {}
        for name in sorted(OVERHEAD_SPACE):
            spec = OVERHEAD_SPACE[name]
            if spec[0] == "float":
                if spec[3]:
                    p[name] = float(math.exp(rng.uniform(math.log(spec[1]), math.log(spec[2]))))
                else:
                    p[name] = float(rng.uniform(spec[1], spec[2]))
            elif spec[0] == "int":
                if spec[3]:
                    v = round(math.exp(rng.uniform(math.log(spec[1] - 0.5), math.log(spec[2] + 0.5))))
                    p[name] = int(min(spec[2], max(spec[1], v)))
                else:
                    p[name] = int(rng.integers(spec[1], spec[2] + 1))
            else:
                p[name] = spec[1][int(rng.integers(len(spec[1])))]
        trials.append(create_trial(params=p, distributions=dists, value=overhead_value(p)))
    return trials


def ask_overhead(label, sizes, asks):
    """Ask time (study.ask() plus suggesting all 10 parameters) after N completed trials; the asked trial is then told
    FAIL, which TPE ignores, so every timed ask sees exactly N completed trials."""
    out = {}
    all_trials = history(max(sizes))
    for size in sizes:
        study = optuna.create_study(direction="minimize", sampler=make_sampler(label, 0))
        study.add_trials(all_trials[:size])
        millis = []
        for i in range(3 + asks):
            start = time.perf_counter()
            trial = study.ask()
            suggest(trial, OVERHEAD_SPACE)
            elapsed = (time.perf_counter() - start) * 1000
            study.tell(trial, state=TrialState.FAIL)
            if i >= 3:  # the first three untimed, as on the Java side
                millis.append(elapsed)
        out[str(size)] = {"median_ms": significant(percentile(millis, 50)), "p95_ms": significant(percentile(millis, 95)),
                          "mean_ms": significant(sum(millis) / len(millis)), "asks": asks}
    return out


def int_list(text):
    return sorted({int(x) for x in text.split(",") if x.strip()})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="30 trials x 3 seeds, overhead at 100 and 1000, 5 asks")
    parser.add_argument("--trials", type=int)
    parser.add_argument("--seeds", type=int)
    parser.add_argument("--seed-offset", type=int, default=0, help="first seed (seeds: offset .. offset+seeds-1)")
    parser.add_argument("--functions", default=",".join(FUNCTIONS))
    parser.add_argument("--samplers", default=",".join(KNOWN_SAMPLERS),
                        help="labels as SearchBenchmark's; those Optuna has no counterpart for are skipped")
    parser.add_argument("--overhead-history")
    parser.add_argument("--overhead-asks", type=int)
    parser.add_argument("--overhead-warmup", type=int, help="accepted for symmetry; Python has no JIT to warm up")
    parser.add_argument("--no-overhead", action="store_true")
    parser.add_argument("--jobs", type=int, default=1,
                        help="processes, a (function, sampler) each at a time; the results do not depend on it")
    parser.add_argument("--probes", action="store_true",
                        help="print only the functions' probe values (SearchBenchmarkTest compares them with Java's)")
    args = parser.parse_args()
    if args.probes:
        json.dump({name: probes(f) for name, f in FUNCTIONS.items()}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return

    trials = args.trials or (30 if args.quick else 200)
    seeds = args.seeds or (3 if args.quick else 20)
    sizes = int_list(args.overhead_history) if args.overhead_history else ([100, 1000] if args.quick else [100, 1000, 5000])
    if args.no_overhead:
        sizes = []
    asks = args.overhead_asks or (5 if args.quick else 20)
    if trials < 1 or seeds < 1 or asks < 1 or args.jobs < 1:
        parser.error("--trials, --seeds, --overhead-asks and --jobs must be at least 1")
    if args.seed_offset < 0:
        parser.error("--seed-offset must not be negative")
    functions = [f.strip() for f in args.functions.split(",") if f.strip()]
    for f in functions:
        if f not in FUNCTIONS:
            parser.error("unknown function '%s'; known: %s" % (f, ", ".join(FUNCTIONS)))
    notes = []
    labels = []
    for label in (s.strip() for s in args.samplers.split(",") if s.strip()):
        label = COUNTERPARTS.get(label, label)
        if label in labels:
            continue
        if label in KNOWN_SAMPLERS:
            labels.append(label)
        else:
            notes.append("no Optuna counterpart for sampler '%s': not run" % label)
    checkpoints = [c for c in CHECKPOINTS if c <= trials]
    if trials not in checkpoints:
        checkpoints.append(trials)

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

    started = time.time()
    seed_values = list(range(args.seed_offset, args.seed_offset + seeds))
    tasks = [(name, label, seed_values, trials, checkpoints) for name in functions for label in labels]
    done = {}
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            for name, label, table in pool.imap_unordered(run_one, tasks):
                done[(name, label)] = table
                print("%-24s optuna:%-21s %7.1f s" % (name, label, table["seconds"]), file=sys.stderr, flush=True)
    else:
        for task in tasks:
            name, label, table = run_one(task)
            done[(name, label)] = table
            print("%-24s optuna:%-21s %7.1f s" % (name, label, table["seconds"]), file=sys.stderr, flush=True)
    results = {name: {label: done[(name, label)] for label in labels} for name in functions}

    overhead = {}
    for label in labels if sizes else []:
        start = time.perf_counter()
        overhead[label] = ask_overhead(label, sizes, asks)
        print("overhead       optuna:%-21s %7.1f s" % (label, time.perf_counter() - start), file=sys.stderr, flush=True)

    out = {
        "implementation": "optuna",
        "versions": {"optuna": optuna.__version__, "python": platform.python_version(), "numpy": np.__version__},
        "settings": {"trials": trials, "seeds": seeds, "seed_offset": args.seed_offset, "checkpoints": checkpoints, "functions": functions,
                     "samplers": {label: make_sampler(label, 0).__class__.__name__
                                  + (" (multivariate=True)" if label == "tpe-multivariate" else " (defaults)")
                                  for label in labels},
                     "overhead": {"history": sizes, "asks": asks}},
        "functions": results,
        "probes": {name: probes(FUNCTIONS[name]) for name in functions},
        "overhead": overhead,
        "notes": notes,
        "wall_seconds": round(time.time() - started, 1),
    }
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
