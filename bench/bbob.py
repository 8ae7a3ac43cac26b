"""The 24 noiseless BBOB functions (Hansen, Finck, Ros, Auger 2009) as COCO's `bbob` suite computes them, instances
included: the same pseudo-random generator of 2009 (uniform, Gaussian, rotations, xopt, fopt), the same seeds and
the same transformations, so that a function here, its Java twin (io.paretune.bench.search.functions.bbob) and
COCO's problem of the same function, dimension and instance give the same value at every point.

    import bbob
    for f in bbob.suite():               # 24 functions x dimensions 2, 5, 10, instance 1
        regret = f.evaluate(params) - f.optimum

Each function has the interface optuna_search.py expects: name ("bbob-f15-d5"), space (floats x01.. in [-5, 5]),
optimum (fopt), argmin (a dict of the parameters at xopt), evaluate(params).

    /usr/bin/python3 bench/bbob.py [REGRESSION_FILE]

checks the functions against COCO's reference values (the resource bench/src/test/resources/bbob/coco-reference.csv
by default, or a regression data file of COCO's, a dict literal {(problem_index, x): (f, [])} of its `bbob` suite in
the test year's instances, 1-5 and 51-60).
"""

import math
import sys

import numpy as np

LOW, HIGH = -5.0, 5.0
DIMENSIONS = (2, 5, 10)
MAX_DIMENSION = 40  # COCO's rotations are built for at most 44 dimensions; the suite's largest is 40

NAMES = {
    1: "Sphere", 2: "Ellipsoidal (separable)", 3: "Rastrigin (separable)", 4: "Bueche-Rastrigin",
    5: "Linear slope", 6: "Attractive sector", 7: "Step ellipsoidal", 8: "Rosenbrock (original)",
    9: "Rosenbrock (rotated)", 10: "Ellipsoidal (rotated)", 11: "Discus", 12: "Bent cigar", 13: "Sharp ridge",
    14: "Different powers", 15: "Rastrigin (rotated)", 16: "Weierstrass", 17: "Schaffers F7",
    18: "Schaffers F7 (ill-conditioned)", 19: "Composite Griewank-Rosenbrock F8F2", 20: "Schwefel x sin(x)",
    21: "Gallagher 101 peaks", 22: "Gallagher 21 peaks", 23: "Katsuura", 24: "Lunacek bi-Rastrigin",
}


# ---- the 2009 generator -----------------------------------------------------------------------------------------

def uniform(n, seed):
    """n numbers in (0, 1): a Park-Miller generator shuffled through a table of 32, as BBOB 2009 seeded it."""
    seed = max(1, abs(seed))
    table = [0] * 32
    for i in range(39, -1, -1):
        seed = _park_miller(seed)
        if i < 32:
            table[i] = seed
    current = table[0]
    out = []
    for _ in range(n):
        seed = _park_miller(seed)
        slot = current // 67108865
        current = table[slot]
        table[slot] = seed
        r = current / 2.147483647e9
        out.append(1e-99 if r == 0.0 else r)
    return out


def _park_miller(seed):
    q = seed // 127773
    seed = 16807 * (seed - q * 127773) - 2836 * q
    return seed + 2147483647 if seed < 0 else seed


def gaussian(n, seed):
    """n standard normal numbers: Box-Muller on 2n uniform ones (the first n radii, the last n angles)."""
    u = uniform(2 * n, seed)
    out = []
    for i in range(n):
        g = math.sqrt(-2 * math.log(u[i])) * math.cos(2 * math.pi * u[n + i])
        out.append(1e-99 if g == 0.0 else g)
    return out


def rotation(d, seed):
    """An orthogonal d x d matrix: Gram-Schmidt on the columns of a Gaussian matrix filled column by column."""
    g = gaussian(d * d, seed)
    b = [[g[j * d + i] for j in range(d)] for i in range(d)]
    for i in range(d):
        for j in range(i):
            prod = 0.0
            for k in range(d):
                prod += b[k][i] * b[k][j]
            for k in range(d):
                b[k][i] -= prod * b[k][j]
        prod = 0.0
        for k in range(d):
            prod += b[k][i] * b[k][i]
        norm = math.sqrt(prod)
        for k in range(d):
            b[k][i] /= norm
    return np.array(b)


def xopt(d, seed):
    """The optimum's location in [-4, 4]^d, on a 8e-4 grid, never exactly 0."""
    out = []
    for u in uniform(d, seed):
        v = 8 * math.floor(1e4 * u) / 1e4 - 4
        out.append(-1e-5 if v == 0.0 else v)
    return np.array(out)


def fopt(function, instance):
    """The optimum's value: a ratio of two Gaussians times 100, rounded to 0.01, clipped to [-1000, 1000]."""
    s = seed(function, instance)
    numerator, denominator = gaussian(1, s)[0], gaussian(1, s + 1)[0]
    return min(1000.0, max(-1000.0, math.floor(100.0 * 100.0 * numerator / denominator + 0.5) / 100.0))


def seed(function, instance):
    """The instance's seed; f4 and f18 share the seeds of f3 and f17."""
    return {4: 3, 18: 17}.get(function, function) + 10000 * instance


# ---- transformations --------------------------------------------------------------------------------------------

def t_osz(x):
    """T_osz, the oscillation that makes regular landscapes irregular: sign- and order-preserving, 0 at 0."""
    return np.array([t_osz_scalar(v) for v in x.tolist()])


def t_osz_scalar(y):
    if y > 0:
        t = math.log(y) / 0.1
        return math.exp(t + 0.49 * (math.sin(t) + math.sin(0.79 * t))) ** 0.1
    if y < 0:
        t = math.log(-y) / 0.1
        return -(math.exp(t + 0.49 * (math.sin(0.55 * t) + math.sin(0.31 * t))) ** 0.1)
    return 0.0


def t_asy(x, beta):
    """T_asy^beta: positive coordinates raised to 1 + beta i/(d-1) sqrt(x_i), the others kept."""
    d = len(x)
    return np.array([v ** (1.0 + beta * i / (d - 1.0) * math.sqrt(v)) if v > 0 else v
                     for i, v in enumerate(x.tolist())])


def exponents(d):
    """i / (d - 1) for i = 0 .. d-1."""
    return np.arange(d) / (d - 1.0)


def conditioning(alpha, d):
    """The diagonal of Lambda^alpha: alpha^(i / (2 (d-1)))."""
    return np.array([alpha ** (0.5 * i / (d - 1.0)) for i in range(d)])


def scaled_rotations(r1, r2, diagonal):
    """R1 diag(diagonal) R2, the linear map of the rotated, conditioned functions (summed as COCO does)."""
    d = len(diagonal)
    m = np.zeros((d, d))
    for i in range(d):
        for j in range(d):
            total = 0.0
            for k in range(d):
                total += r1[i][k] * diagonal[k] * r2[k][j]
            m[i][j] = total
    return m


def penalty(x):
    """f_pen: the squared distance of x outside [-5, 5]^d."""
    total = 0.0
    for v in x.tolist():
        over = abs(v) - 5.0
        if over > 0:
            total += over * over
    return total


def rastrigin(z):
    return 10.0 * (len(z) - float(np.sum(np.cos(2 * math.pi * z)))) + float(np.dot(z, z))


def rosenbrock(z):
    return 100.0 * float(np.sum((z[:-1] * z[:-1] - z[1:]) ** 2)) + float(np.sum((z[:-1] - 1.0) ** 2))


# ---- the functions: each builder returns (value above fopt, xopt) -----------------------------------------------

def f1(d, s):
    o = xopt(d, s)
    return (lambda x: float(np.sum((x - o) ** 2))), o


def f2(d, s):
    o = xopt(d, s)
    w = 1e6 ** exponents(d)
    return (lambda x: float(np.sum(w * t_osz(x - o) ** 2))), o


def f3(d, s):
    o = xopt(d, s)
    lam = conditioning(10.0, d)
    return (lambda x: rastrigin(lam * t_asy(t_osz(x - o), 0.2))), o


def f4(d, s):
    o = xopt(d, s)
    o[0::2] = np.abs(o[0::2])
    base = math.sqrt(10.0) ** exponents(d)
    even = (np.arange(d) % 2) == 0

    def value(x):
        z = t_osz(x - o)
        z = np.where((z > 0) & even, 10.0 * base, base) * z
        return rastrigin(z) + 100.0 * penalty(x)
    return value, o


def f5(d, s):
    o = xopt(d, s)
    corner = np.where(o > 0, HIGH, LOW)
    slope = np.where(o > 0, 1.0, -1.0) * math.sqrt(100.0) ** exponents(d)

    def value(x):
        clipped = np.where(x * corner < 25.0, x, corner)
        return float(np.sum(5.0 * np.abs(slope) - slope * clipped))
    return value, corner


def f6(d, s):
    o = xopt(d, s)
    m = scaled_rotations(rotation(d, s + 1000000), rotation(d, s), math.sqrt(10.0) ** exponents(d))

    def value(x):
        z = m @ (x - o)
        raw = float(np.sum(np.where(o * z > 0, 1e4, 1.0) * z * z))
        return t_osz_scalar(raw) ** 0.9
    return value, o


def f7(d, s):
    o = xopt(d, s)
    r1 = rotation(d, s + 1000000)
    stretched = np.sqrt(10.0 ** exponents(d))[:, None] * rotation(d, s)
    w = 100.0 ** exponents(d)

    def value(x):
        zhat = stretched @ (x - o)
        rounded = np.where(np.abs(zhat) > 0.5, np.floor(zhat + 0.5), np.floor(10.0 * zhat + 0.5) / 10.0)
        z = r1 @ rounded
        return 0.1 * max(abs(zhat[0]) * 1e-4, float(np.sum(w * z * z))) + penalty(x)
    return value, o


def f8(d, s):
    o = 0.75 * xopt(d, s)
    factor = max(1.0, math.sqrt(d) / 8.0)
    return (lambda x: rosenbrock(factor * (x - o) + 1.0)), o


def f9(d, s):
    r = rotation(d, s)
    factor = max(1.0, math.sqrt(d) / 8.0)
    m = factor * r
    return (lambda x: rosenbrock(m @ x + 0.5)), r.sum(axis=0) / (2.0 * factor)


def f10(d, s):
    o = xopt(d, s)
    r = rotation(d, s + 1000000)
    w = 1e6 ** exponents(d)
    return (lambda x: float(np.sum(w * t_osz(r @ (x - o)) ** 2))), o


def f11(d, s):
    o = xopt(d, s)
    r = rotation(d, s + 1000000)

    def value(x):
        z = t_osz(r @ (x - o))
        return 1e6 * z[0] * z[0] + float(np.sum(z[1:] * z[1:]))
    return value, o


def f12(d, s):
    o = xopt(d, s + 1000000)
    r = rotation(d, s + 1000000)

    def value(x):
        z = r @ t_asy(r @ (x - o), 0.5)
        return z[0] * z[0] + 1e6 * float(np.sum(z[1:] * z[1:]))
    return value, o


def f13(d, s):
    o = xopt(d, s)
    m = scaled_rotations(rotation(d, s + 1000000), rotation(d, s), math.sqrt(10.0) ** exponents(d))

    def value(x):
        z = m @ (x - o)
        return 100.0 * math.sqrt(float(np.sum(z[1:] * z[1:]))) + z[0] * z[0]
    return value, o


def f14(d, s):
    o = xopt(d, s)
    r = rotation(d, s + 1000000)
    powers = 2.0 + 4.0 * exponents(d)
    return (lambda x: math.sqrt(float(np.sum(np.abs(r @ (x - o)) ** powers)))), o


def f15(d, s):
    o = xopt(d, s)
    r1 = rotation(d, s + 1000000)
    m = scaled_rotations(r1, rotation(d, s), math.sqrt(10.0) ** exponents(d))
    return (lambda x: rastrigin(m @ t_asy(t_osz(r1 @ (x - o)), 0.2))), o


WEIERSTRASS_A = np.array([0.5 ** k for k in range(12)])
WEIERSTRASS_B = np.array([3.0 ** k for k in range(12)])
WEIERSTRASS_F0 = float(np.sum(WEIERSTRASS_A * np.cos(2 * math.pi * WEIERSTRASS_B * 0.5)))


def f16(d, s):
    o = xopt(d, s)
    r1 = rotation(d, s + 1000000)
    m = scaled_rotations(r1, rotation(d, s), (1.0 / math.sqrt(100.0)) ** exponents(d))

    def value(x):
        z = m @ t_osz(r1 @ (x - o))
        total = float(np.sum(np.cos(2 * math.pi * (z[:, None] + 0.5) * WEIERSTRASS_B) * WEIERSTRASS_A))
        return 10.0 * (total / d - WEIERSTRASS_F0) ** 3 + 10.0 / d * penalty(x)
    return value, o


def _schaffers(condition):
    def build(d, s):
        o = xopt(d, s)
        r1 = rotation(d, s + 1000000)
        m = (math.sqrt(condition) ** exponents(d))[:, None] * rotation(d, s)

        def value(x):
            z = m @ t_asy(r1 @ (x - o), 0.5)
            t = z[:-1] * z[:-1] + z[1:] * z[1:]
            total = float(np.sum(t ** 0.25 * (1.0 + np.sin(50.0 * t ** 0.1) ** 2)))
            return (total / (d - 1.0)) ** 2 + 10.0 * penalty(x)
        return value, o
    return build


def f19(d, s):
    scale = max(1.0, math.sqrt(d) / 8.0)
    r = rotation(d, s)
    m = scale * r

    def value(x):
        z = m @ x + 0.5
        t = 100.0 * (z[:-1] * z[:-1] - z[1:]) ** 2 + (1.0 - z[:-1]) ** 2
        return 10.0 + 10.0 * float(np.sum(t / 4000.0 - np.cos(t))) / (d - 1)
    return value, r.sum(axis=0) / (2.0 * scale)


SCHWEFEL_OPTIMUM = 4.2096874637


def f20(d, s):
    signs = np.array([-1.0 if u < 0.5 else 1.0 for u in uniform(d, s)])
    o = signs * 0.5 * SCHWEFEL_OPTIMUM
    two_abs = 2.0 * np.abs(o)
    lam = conditioning(10.0, d)

    def value(x):
        xhat = 2.0 * (signs * x)
        zhat = xhat.copy()
        zhat[1:] += 0.25 * (xhat[:-1] - two_abs[:-1])
        z = 100.0 * (lam * (zhat - two_abs) + two_abs)
        over = np.abs(z) - 500.0
        pen = float(np.sum(np.where(over > 0, over * over, 0.0)))
        return 0.01 * (pen + 418.9828872724339 - float(np.sum(z * np.sin(np.sqrt(np.abs(z))))) / d)
    return value, o


def _gallagher(peaks):
    def build(d, s):
        r = rotation(d, s)
        if peaks == 101:
            first_condition, b, c = math.sqrt(1000.0), 10.0, 5.0
        else:
            first_condition, b, c = 1000.0, 9.8, 4.9
        order = _argsort(uniform(peaks - 1, s))
        conditions = [first_condition] + [1000.0 ** (order[i] / (peaks - 2.0)) for i in range(peaks - 1)]
        heights = np.array([10.0] + [(i - 1) / (peaks - 2.0) * (9.1 - 1.1) + 1.1 for i in range(1, peaks)])
        scales = np.empty((peaks, d))
        for i in range(peaks):
            order = _argsort(uniform(d, s + 1000 * i))
            for j in range(d):
                scales[i, j] = conditions[i] ** (order[j] / (d - 1.0) - 0.5)
        u = np.array(uniform(d * peaks, s)).reshape(peaks, d)
        centres = b * u - c                      # peak i's centre, before the rotation, row i
        local = centres @ r.T                    # rotated centres, row i = R centre_i
        local[0] *= 0.8
        o = 0.8 * centres[0]
        fac = -0.5 / d

        def value(x):
            diff = r @ x - local
            best = max(0.0, float(np.max(heights * np.exp(fac * np.sum(scales * diff * diff, axis=1)))))
            return t_osz_scalar(10.0 - best) ** 2 + penalty(x)
        return value, o
    return build


def _argsort(values):
    return sorted(range(len(values)), key=lambda i: values[i])


def f23(d, s):
    o = xopt(d, s)
    m = scaled_rotations(rotation(d, s + 1000000), rotation(d, s), math.sqrt(100.0) ** exponents(d))
    powers = np.array([2.0 ** j for j in range(1, 33)])
    factors = np.arange(1, d + 1, dtype=float)
    exponent = 10.0 / d ** 1.2

    def value(x):
        t = np.outer(m @ (x - o), powers)
        sums = np.sum(np.abs(t - np.floor(t + 0.5)) / powers, axis=1)
        return 10.0 / d / d * (float(np.prod((1.0 + factors * sums) ** exponent)) - 1.0) + penalty(x)
    return value, o


def f24(d, s):
    mu0 = 2.5
    shift = 1.0 - 0.5 / (math.sqrt(d + 20.0) - 4.1)
    mu1 = -math.sqrt((mu0 * mu0 - 1.0) / shift)
    signs = np.array([-1.0 if g < 0 else 1.0 for g in gaussian(d, s)])
    o = 0.5 * mu0 * signs
    r1 = rotation(d, s + 1000000)
    stretched = (math.sqrt(100.0) ** exponents(d))[:, None] * rotation(d, s)

    def value(x):
        xhat = signs * (2.0 * x)
        z = r1 @ (stretched @ (xhat - mu0))
        near = float(np.sum((xhat - mu0) ** 2))
        far = d + shift * float(np.sum((xhat - mu1) ** 2))
        return min(near, far) + 10.0 * (d - float(np.sum(np.cos(2 * math.pi * z)))) + 1e4 * penalty(x)
    return value, o


BUILDERS = {1: f1, 2: f2, 3: f3, 4: f4, 5: f5, 6: f6, 7: f7, 8: f8, 9: f9, 10: f10, 11: f11, 12: f12, 13: f13,
            14: f14, 15: f15, 16: f16, 17: _schaffers(10.0), 18: _schaffers(1000.0), 19: f19, 20: f20,
            21: _gallagher(101), 22: _gallagher(21), 23: f23, 24: f24}


# ---- the interface of optuna_search.py --------------------------------------------------------------------------

class BbobFunction:
    """One COCO problem: function 1..24, dimension 2..40, instance >= 1."""

    def __init__(self, function, dimension, instance=1):
        if function not in BUILDERS:
            raise ValueError("BBOB has functions 1 to 24, got %r" % function)
        if not 2 <= dimension <= MAX_DIMENSION:
            raise ValueError("BBOB functions take 2 to %d dimensions here, got %r" % (MAX_DIMENSION, dimension))
        if instance < 1:
            raise ValueError("COCO's instances start at 1, got %r" % instance)
        self.function, self.dimension, self.instance = function, dimension, instance
        self.name = "bbob-f%02d-d%d" % (function, dimension) + ("" if instance == 1 else "-i%d" % instance)
        self.names = ["x%02d" % i for i in range(1, dimension + 1)]
        self.space = {n: ("float", LOW, HIGH, False) for n in self.names}
        self.optimum = fopt(function, instance)
        self._value, where = BUILDERS[function](dimension, seed(function, instance))
        self.argmin = {n: float(v) for n, v in zip(self.names, where)}
        self.description = "BBOB f%d %s, %d-D, COCO instance %d; [-5, 5]^%d; minimum fopt = %r at xopt" % (
            function, NAMES[function], dimension, instance, dimension, self.optimum)

    def evaluate(self, p):
        return self.at([p[n] for n in self.names])

    def at(self, x):
        """The value at a point given as a sequence of floats, the way COCO takes it."""
        return self.optimum + self._value(np.asarray(x, dtype=float))


def suite(dimensions=DIMENSIONS, instance=1):
    """COCO's order: by dimension, then function."""
    return [BbobFunction(f, d, instance) for d in dimensions for f in range(1, 25)]


# ---- the check against COCO's values ------------------------------------------------------------------------------

def _reference_points(path):
    """(function, dimension, instance, x, f) from the CSV resource or from a COCO regression dict literal."""
    if path.endswith(".py"):
        import ast
        dims, instances = (2, 3, 5, 10, 20, 40), list(range(1, 6)) + list(range(51, 61))
        with open(path) as fh:
            data = ast.literal_eval(fh.read())
        for (index, x), (value, _) in data.items():
            d = dims[index // (len(instances) * 24)]
            f = index // len(instances) % 24 + 1
            yield f, d, instances[index % len(instances)], list(x), value
        return
    with open(path) as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("function") or not line.strip():
                continue
            f, d, i, value, xs = line.strip().split(",")
            yield int(f), int(d), int(i), [float(v) for v in xs.split()], float(value)


def check(path):
    """The worst relative error (absolute below 1) per function against COCO's values; the largest is returned.
    COCO's full regression file has one point that no two builds agree on: f17 in 20-D, instance 53, |x| up to 7e3,
    f near 3.6e57, where T_asy raises a huge coordinate to a huge power (3% apart here, as COCO's own test notes
    between platforms); the resource leaves it out."""
    functions = {}
    worst = {}
    count = 0
    for f, d, i, x, expected in _reference_points(path):
        key = (f, d, i)
        if key not in functions:
            functions[key] = BbobFunction(f, d, i)
        got = functions[key].at(x)
        error = abs(got - expected) / max(1.0, abs(expected))
        worst[f] = max(worst.get(f, 0.0), error)
        count += 1
    for f in sorted(worst):
        print("f%02d  worst relative error %.2e" % (f, worst[f]))
    print("%d points, %d problems" % (count, len(functions)))
    return max(worst.values())


if __name__ == "__main__":
    import os
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "src", "test", "resources", "bbob", "coco-reference.csv")
    sys.exit(0 if check(sys.argv[1] if len(sys.argv) > 1 else default) <= 1e-9 else 1)
