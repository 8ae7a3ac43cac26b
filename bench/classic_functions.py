"""The multimodal functions of the optimization literature, as io.paretune.bench.search.functions defines them
(Rastrigin.java, Schwefel.java, Griewank.java, Ackley.java, Levy.java, StyblinskiTang.java, Michalewicz.java,
Shekel.java): the same formulas, computed in the same order, over the same boxes, with the same shifts.

Each is evaluated at z = x - s for a fixed shift s (zero for Schwefel, Michalewicz and Shekel), so that the minimum
lies at x* + s, off the box's centre and off the diagonal of round values where the literature puts most of them.
"""

import math


def names(d):
    return ["x%02d" % i for i in range(1, d + 1)]


class BoxFunction:
    """A formula over [low, high]^d evaluated at x - shift (BoxFunction.java)."""

    def __init__(self, name, low, high, shift, unshifted_argmin, optimum, formula):
        self.name = name
        self.names = names(len(shift))
        self.shift = list(shift)
        self.space = {n: ("float", float(low), float(high), False) for n in self.names}
        self.argmin = {n: a + s for n, a, s in zip(self.names, unshifted_argmin, shift)}
        self.optimum = optimum
        self.formula = formula

    def evaluate(self, p):
        return self.formula([p[n] - s for n, s in zip(self.names, self.shift)])


# ---- formulas (unshifted) ------------------------------------------------------------------------------------------

def rastrigin(z):
    total = 10.0 * len(z)
    for v in z:
        total += v * v - 10 * math.cos(2 * math.pi * v)
    return total


def schwefel(z):
    total = 0.0
    for v in z:
        total += v * math.sin(math.sqrt(abs(v)))
    return 418.9829 * len(z) - total


def griewank(z):
    total = 0.0
    product = 1.0
    for i, v in enumerate(z):
        total += v * v
        product *= math.cos(v / math.sqrt(i + 1))
    return total / 4000 - product + 1


def ackley(z):
    squares = 0.0
    cosines = 0.0
    for v in z:
        squares += v * v
        cosines += math.cos(2 * math.pi * v)
    return -20 * math.exp(-0.2 * math.sqrt(squares / len(z))) - math.exp(cosines / len(z)) + 20 + math.e


def levy(z):
    def w(v):
        return 1 + (v - 1) / 4

    first = math.sin(math.pi * w(z[0]))
    total = first * first
    for v in z[:-1]:
        wi = w(v)
        s = math.sin(math.pi * wi + 1)
        total += (wi - 1) * (wi - 1) * (1 + 10 * s * s)
    wd = w(z[-1])
    s = math.sin(2 * math.pi * wd)
    return total + (wd - 1) * (wd - 1) * (1 + s * s)


def styblinski_tang(z):
    total = 0.0
    for v in z:
        total += v * v * v * v - 16 * v * v + 5 * v
    return total / 2


def michalewicz(x):
    total = 0.0
    for i, v in enumerate(x):
        total += math.sin(v) * math.pow(math.sin((i + 1) * v * v / math.pi), 20)
    return -total


SHEKEL_C = [[4, 1, 8, 6, 3, 2, 5, 8, 6, 7],
            [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6],
            [4, 1, 8, 6, 3, 2, 5, 8, 6, 7],
            [4, 1, 8, 6, 7, 9, 3, 1, 2, 3.6]]
SHEKEL_BETA = [0.1, 0.2, 0.2, 0.4, 0.4, 0.6, 0.3, 0.7, 0.5, 0.5]


def shekel(wells):
    def formula(x):
        total = 0.0
        for i in range(wells):
            inner = SHEKEL_BETA[i]
            for j in range(4):
                inner += (x[j] - SHEKEL_C[j][i]) * (x[j] - SHEKEL_C[j][i])
            total += 1 / inner
        return -total
    return formula


# ---- shifts, argmins and minima (the constants of the Java classes) -----------------------------------------------

RASTRIGIN_SHIFT = [1.2785, -2.4316, 0.6921, 3.1547, -1.8764, 2.2093, -0.4538, -3.0271, 1.7409, -0.9152]
ACKLEY_SHIFT = [7.4318, -12.6951, 3.8827, 15.2364, -9.1473, 11.0586, -2.7619, -16.4402, 8.9135, -5.3248]
GRIEWANK_SHIFT = [137.42, -241.86, 68.93, 312.57, -184.31, 223.68, -47.15, -296.74, 171.29, -92.63]
LEVY_SHIFT = [2.3817, -4.1563, 1.2249, 5.0734, -3.4481, 3.8362, -0.7127, -5.9305, 2.9516, -1.6838]
STYBLINSKI_TANG_SHIFT = [1.4172, -0.8365, 2.0518, 0.3741, -1.6293, 1.1827, -0.2954, 1.8836, -1.2109, 0.7463]
STYBLINSKI_TANG_ARGMIN = -2.903534027771177
STYBLINSKI_TANG_MINIMUM_PER_DIMENSION = -39.166165703771415
SCHWEFEL_ARGMIN = 420.96874635998205
SCHWEFEL_EXCESS_PER_DIMENSION = 1.2727566293725214e-05
MICHALEWICZ_ARGMIN = [2.2029055201726093, 1.5707963267948966, 1.2849915705529245, 1.9230584698663629,
                      1.7204697725658413, 1.5707963267948966, 1.454413971362379, 1.7560865209450263,
                      1.6557174168210291, 1.5707963267948966]
MICHALEWICZ_TERM_MINIMUM = [-0.8013034100985525, -1.0, -0.9590912698960059, -0.9384624184720834,
                            -0.9888010806215044, -1.0, -0.9932271353558816, -0.9828720362722106,
                            -0.9963943649251029, -1.0]
SHEKEL_ARGMIN = {5: [4.000037152819676, 4.00013327659156, 4.000037152819676, 4.00013327659156],
                 7: [4.000572819251117, 3.9996062096096887, 4.000572819251117, 3.9996062096096887],
                 10: [4.000746868270634, 3.9995094800857736, 4.000746868270634, 3.9995094800857736]}
SHEKEL_MINIMUM = {5: -10.153199679058227, 7: -10.402915336777744, 10: -10.536443153483528}


def shifted(family, formula, low, high, table, unshifted_argmin, optimum, d):
    return BoxFunction("%s-d%d" % (family, d), low, high, table[:d], [unshifted_argmin] * d, optimum, formula)


def michalewicz_function(d):
    minimum = 0.0
    for v in MICHALEWICZ_TERM_MINIMUM[:d]:
        minimum += v
    return BoxFunction("michalewicz-d%d" % d, 0.0, math.pi, [0.0] * d, MICHALEWICZ_ARGMIN[:d], minimum, michalewicz)


CLASSIC_FUNCTIONS = tuple(
    [shifted("rastrigin", rastrigin, -5.12, 5.12, RASTRIGIN_SHIFT, 0.0, 0.0, d) for d in (2, 5, 10)]
    + [BoxFunction("schwefel-d%d" % d, -500, 500, [0.0] * d, [SCHWEFEL_ARGMIN] * d,
                   d * SCHWEFEL_EXCESS_PER_DIMENSION, schwefel) for d in (2, 5)]
    + [shifted("griewank", griewank, -600, 600, GRIEWANK_SHIFT, 0.0, 0.0, d) for d in (5, 10)]
    + [shifted("ackley", ackley, -32.768, 32.768, ACKLEY_SHIFT, 0.0, 0.0, d) for d in (5, 10)]
    + [shifted("levy", levy, -10, 10, LEVY_SHIFT, 1.0, 0.0, d) for d in (5, 10)]
    + [shifted("styblinski-tang", styblinski_tang, -5, 5, STYBLINSKI_TANG_SHIFT, STYBLINSKI_TANG_ARGMIN,
               d * STYBLINSKI_TANG_MINIMUM_PER_DIMENSION, d) for d in (5, 10)]
    + [michalewicz_function(d) for d in (2, 5)]
    + [BoxFunction("shekel%d" % m, 0, 10, [0.0] * 4, SHEKEL_ARGMIN[m], SHEKEL_MINIMUM[m], shekel(m))
       for m in (5, 7, 10)])
