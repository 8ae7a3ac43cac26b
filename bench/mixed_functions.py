"""Mixed, conditional search spaces standing in for hyperparameter objectives, as io.paretune.bench.search.functions
defines them (MixedOptimizer.java, MixedFamily.java, MixedDepth.java, MixedMany.java; the formulas are in their
Javadoc). Spaces are written as search_spaces.py describes. A conditional parameter is absent where its condition
does not hold, so each function reads it only after checking the condition itself.
"""

import math


def when_in(parameter, *values):
    return {"when": {"parameter": parameter, "in": list(values)}}


def when_at_least(parameter, minimum):
    return {"when": {"parameter": parameter, "min": minimum}}


def log2(x):
    return math.log(x) / math.log(2)


class MixedOptimizer:
    name = "mixed-optimizer"
    space = {
        "optimizer": ("cat", ["sgd", "rmsprop", "adam", "adagrad"]),
        "learningRate": ("float", 1e-5, 1.0, True),
        "batchSize": ("int", 16, 256, False, {"step": 16}),
        "weightDecay": ("float", 1e-7, 1e-2, True),
        "momentum": ("float", 0.0, 0.99, False, when_in("optimizer", "sgd", "rmsprop")),
        "nesterov": ("cat", [False, True], when_in("optimizer", "sgd")),
        "beta2": ("float", 0.9, 0.9999, False, when_in("optimizer", "adam")),
    }
    optimum = 0.0
    argmin = {"optimizer": "adam", "learningRate": 1e-3, "batchSize": 64, "weightDecay": 1e-4, "beta2": 0.995}

    @staticmethod
    def evaluate(p):
        optimizer = p["optimizer"]
        if optimizer == "sgd":
            momentum = p["momentum"]
            best_log10_rate = -1 + math.log10(1 - momentum)
            g = 0.3 + 4 * (momentum - 0.9) * (momentum - 0.9) + (0 if p["nesterov"] else 0.1)
        elif optimizer == "rmsprop":
            momentum = p["momentum"]
            best_log10_rate = -3.3
            g = 0.5 + 2 * momentum * momentum
        elif optimizer == "adam":
            beta2 = p["beta2"]
            best_log10_rate = -3
            memory = math.log10((1 - beta2) / 0.005)
            g = 0.5 * memory * memory
        else:
            best_log10_rate = -1.5
            g = 0.8
        b = log2(p["batchSize"] / 64)
        rate = math.log10(p["learningRate"]) - best_log10_rate - 0.15 * b
        decay = math.log10(p["weightDecay"]) + 4
        return rate * rate + 0.1 * b * b + 0.25 * decay * decay + g


class MixedFamily:
    name = "mixed-family"
    space = {
        "family": ("cat", ["linear", "knn", "tree"]),
        "featureFraction": ("float", 0.1, 1.0, False),
        "regularization": ("float", 1e-4, 1e4, True, when_in("family", "linear")),
        "penalty": ("cat", ["l2", "l1", "elasticnet"], when_in("family", "linear")),
        "l1Ratio": ("float", 0.0, 1.0, False, when_in("penalty", "elasticnet")),
        "neighbors": ("int", 1, 128, True, when_in("family", "knn")),
        "weighting": ("cat", ["uniform", "distance"], when_in("family", "knn")),
        "maxDepth": ("int", 2, 16, False, when_in("family", "tree")),
        "trees": ("int", 50, 1000, False, dict(step=50, **when_in("family", "tree"))),
        "learningRate": ("float", 1e-3, 1.0, True, when_in("family", "tree")),
    }
    optimum = 0.0
    argmin = {"family": "tree", "featureFraction": 0.6, "maxDepth": 6, "trees": 400, "learningRate": 0.025}

    @staticmethod
    def evaluate(p):
        family = p["family"]
        if family == "linear":
            c = math.log10(p["regularization"]) - 0.5
            penalty = p["penalty"]
            if penalty == "elasticnet":
                r = p["l1Ratio"] - 0.3
                pen = 0.5 * r * r
            else:
                pen = 0.15 if penalty == "l2" else 0.1
            h = 0.6 + 0.3 * c * c + pen
            best_fraction = 1.0
        elif family == "knn":
            k = log2(p["neighbors"]) - 4
            h = 0.4 + 0.1 * k * k + (0.1 if p["weighting"] == "uniform" else 0)
            best_fraction = 0.8
        else:
            depth = p["maxDepth"] - 6
            trees = p["trees"]
            rate = math.log10(p["learningRate"] * trees) - 1
            size = log2(trees / 400)
            h = 0.02 * depth * depth + rate * rate + 0.05 * size * size
            best_fraction = 0.6
        fraction = p["featureFraction"] - best_fraction
        return h + 1.5 * fraction * fraction


class MixedDepth:
    name = "mixed-depth"
    MAX_LAYERS = 4
    DEPTH_COST = [0.9, 0.35, 0.0, 0.2]
    ACTIVATIONS = ["relu", "gelu", "tanh"]
    ACTIVATION_COST = [0.0, 0.05, 0.3]
    space = dict(
        {"layers": ("int", 1, MAX_LAYERS, False),
         "units1": ("int", 8, 512, True),
         "dropout": ("float", 0.0, 0.5, False),
         "learningRate": ("float", 1e-4, 1e-1, True),
         "activation": ("cat", ACTIVATIONS)},
        **{"units%d" % k: ("int", 8, 512, True, when_at_least("layers", k)) for k in range(2, MAX_LAYERS + 1)})
    optimum = 0.0
    argmin = {"layers": 3, "units1": 256, "units2": 128, "units3": 64, "dropout": 0.15, "learningRate": 1e-3,
              "activation": "relu"}

    @classmethod
    def evaluate(cls, p):
        layers = p["layers"]
        total = cls.DEPTH_COST[layers - 1]
        for k in range(1, layers + 1):
            width = log2(p["units%d" % k]) - (9 - k)
            total += 0.2 * width * width
        dropout = p["dropout"] - 0.05 * layers
        rate = math.log10(p["learningRate"]) + 2.25 + 0.25 * layers
        return total + 4 * dropout * dropout + rate * rate + cls.ACTIVATION_COST[cls.ACTIVATIONS.index(p["activation"])]


class MixedMany:
    name = "mixed-many"
    MODELS = ["resnet18", "resnet50", "vgg16", "densenet121", "mobilenet", "efficientnet", "regnet", "convnext",
              "vit", "swin"]
    COST = [0.9, 0.35, 1.2, 0.5, 0.8, 0.15, 0.4, 0.0, 0.1, 0.05]
    BEST_RATE = [0.1, 0.1, 0.01, 0.05, 0.03, 0.01, 0.06, 4e-4, 5e-4, 1e-3]
    BEST_DECAY = [1e-4, 1e-4, 5e-4, 1e-4, 4e-5, 1e-5, 5e-5, 0.05, 0.03, 0.05]
    BEST_PATCH = {"vit": 16.0, "swin": 8.0}
    space = {
        "model": ("cat", MODELS),
        "learningRate": ("float", 1e-5, 1.0, True),
        "weightDecay": ("float", 1e-6, 1e-1, True),
        "batchSize": ("int", 32, 512, False, {"step": 32}),
        "epochs": ("int", 10, 200, False, {"step": 10}),
        "labelSmoothing": ("float", 0.0, 0.3, False),
        "patchSize": ("cat", [8, 16, 32], when_in("model", "vit", "swin")),
    }
    optimum = 0.0
    argmin = {"model": "convnext", "learningRate": 4e-4, "weightDecay": 0.05, "batchSize": 256, "epochs": 120,
              "labelSmoothing": 0.1}

    @classmethod
    def evaluate(cls, p):
        model = p["model"]
        m = cls.MODELS.index(model)
        b = log2(p["batchSize"] / 256)
        rate = math.log10(p["learningRate"] / cls.BEST_RATE[m]) - 0.15 * b
        decay = math.log10(p["weightDecay"] / cls.BEST_DECAY[m])
        epochs = (p["epochs"] - 120) / 50
        smoothing = p["labelSmoothing"] - 0.1
        patch = 0.0
        if model in cls.BEST_PATCH:
            patch = 0.1 * abs(log2(p["patchSize"] / cls.BEST_PATCH[model]))
        return (cls.COST[m] + rate * rate + 0.2 * decay * decay + 0.05 * b * b + 0.3 * epochs * epochs
                + 5 * smoothing * smoothing + patch)


MIXED_FUNCTIONS = (MixedOptimizer, MixedFamily, MixedDepth, MixedMany)
