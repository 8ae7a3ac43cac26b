#!/usr/bin/python3
"""PyTorch's side of `./paretune bench compression` (goal 6): the unstructured campaign's MLP (equal-width ReLU hidden
layers, softmax 10) trained with Adam, dense for `epochs - fine-tune-epochs` epochs, then for every sparsity a copy
pruned once with torch.nn.utils.prune.global_unstructured (L1 magnitude over the weights of every Linear layer, biases
kept, as Paretune's global magnitude pruning) and fine-tuned for `fine-tune-epochs` with the masks applied, Adam's
state carried over. The dense reference goes on unpruned for the same fine-tuning epochs. Test accuracy on the 10k
test images for each. Prints one JSON record on stdout (progress on stderr).

The training images are the first --train-limit of the 60,000 (all when 0), less a validation fraction drawn with
--seed: the same number of images as Paretune's split, not the same images.

Run it with Debian's interpreter (python3-torch 1.13, CPU):

    /usr/bin/python3 bench/pytorch_prune.py --hidden-layers 2 --units 300 --epochs 20 --fine-tune-epochs 5 \
        --sparsities 0.5,0.8,0.9,0.95
"""

import argparse
import copy
import json
import os
import platform
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.nn.utils import prune

# The trainer benchmark's reader: the same files, the same pixel scaling as Paretune's batches.
from pytorch_trainer import DATASET_DIR, load  # noqa: E402 (beside this script)


def mlp(hidden_layers, units):
    layers, width = [], 784
    for _ in range(hidden_layers):
        layers += [nn.Linear(width, units), nn.ReLU()]
        width = units
    layers.append(nn.Linear(width, 10))
    return nn.Sequential(*layers)


def linear_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def train_epochs(model, optimizer, x, y, epochs, batch, generator, label):
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        started = time.perf_counter()
        order = torch.randperm(len(x), generator=generator)
        for start in range(0, len(x), batch):
            rows = order[start:start + batch]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(x[rows]), y[rows]).backward()
            optimizer.step()
        print("  %s epoch %d: %.2f s" % (label, epoch + 1, time.perf_counter() - started), file=sys.stderr)


def test_accuracy(model, x, y):
    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(x), 1000):
            correct += (model(x[start:start + 1000]).argmax(1) == y[start:start + 1000]).sum().item()
    return correct / len(x)


def counts(model):
    """Non-zero trainable parameters (biases included) and the fraction of Linear weights that are zero."""
    nonzero = sum(int((p != 0).sum()) for p in model.parameters())
    weights = [m.weight for m in linear_layers(model)]
    zeros = sum(int((w == 0).sum()) for w in weights)
    return nonzero, zeros / sum(w.numel() for w in weights)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--hidden-layers", type=int, default=2)
    p.add_argument("--units", type=int, default=300)
    p.add_argument("--epochs", type=int, required=True, help="epochs of every model, fine-tuning included")
    p.add_argument("--fine-tune-epochs", type=int, required=True)
    p.add_argument("--sparsities", required=True, help="comma-separated fractions of Linear weights pruned")
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--train-limit", type=int, default=0)
    p.add_argument("--validation-fraction", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--dataset-dir", default=DATASET_DIR)
    args = p.parse_args()
    if not 0 <= args.fine_tune_epochs < args.epochs:
        raise SystemExit("--fine-tune-epochs must be at least 0 and less than --epochs")
    sparsities = [float(s) for s in args.sparsities.split(",") if s.strip()]
    if any(not 0 < s < 1 for s in sparsities):
        raise SystemExit("--sparsities must lie strictly between 0 and 1")

    started = time.time()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    x_all, y_all = load(args.dataset_dir, "train")
    x_test, y_test = load(args.dataset_dir, "t10k")
    pool = args.train_limit if 0 < args.train_limit < len(x_all) else len(x_all)
    order = torch.randperm(pool, generator=generator)
    train = order[round(pool * args.validation_fraction):]
    x_train, y_train = x_all[train].contiguous(), y_all[train].contiguous()

    model = mlp(args.hidden_layers, args.units)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    dense_epochs = args.epochs - args.fine_tune_epochs
    train_epochs(model, optimizer, x_train, y_train, dense_epochs, args.batch_size, generator, "dense")

    def branch():
        """The dense model and its optimizer state, copied so that each branch starts from the same point."""
        twin = copy.deepcopy(model)
        twin_optimizer = torch.optim.Adam(twin.parameters(), lr=args.learning_rate)
        twin_optimizer.load_state_dict(optimizer.state_dict())
        return twin, twin_optimizer

    results = []
    dense, dense_optimizer = branch()
    train_epochs(dense, dense_optimizer, x_train, y_train, args.fine_tune_epochs, args.batch_size, generator,
                 "dense (no pruning)")
    nonzero, achieved = counts(dense)
    results.append({"sparsity": 0.0, "test_accuracy": round(test_accuracy(dense, x_test, y_test), 4),
                    "nonzero_params": nonzero, "achieved_sparsity": round(achieved, 4)})
    for sparsity in sparsities:
        pruned, pruned_optimizer = branch()
        prune.global_unstructured([(m, "weight") for m in linear_layers(pruned)],
                                  pruning_method=prune.L1Unstructured, amount=sparsity)
        accuracy_after_pruning = test_accuracy(pruned, x_test, y_test)
        train_epochs(pruned, pruned_optimizer, x_train, y_train, args.fine_tune_epochs, args.batch_size, generator,
                     "sparsity %.3f fine-tune" % sparsity)
        for m in linear_layers(pruned):
            prune.remove(m, "weight")  # the mask folded into the weights: zeros stay zeros
        nonzero, achieved = counts(pruned)
        results.append({"sparsity": sparsity, "test_accuracy": round(test_accuracy(pruned, x_test, y_test), 4),
                        "test_accuracy_before_fine_tuning": round(accuracy_after_pruning, 4),
                        "nonzero_params": nonzero, "achieved_sparsity": round(achieved, 4)})

    record = {
        "engine": "pytorch",
        "method": "torch.nn.utils.prune.global_unstructured (L1Unstructured) over every Linear weight, once after "
                  "the dense epochs, then fine-tuned with the masks applied",
        "versions": {"torch": torch.__version__, "python": platform.python_version(), "numpy": np.__version__},
        "settings": {"hidden_layers": args.hidden_layers, "units": args.units, "epochs": args.epochs,
                     "dense_epochs": dense_epochs, "fine_tune_epochs": args.fine_tune_epochs,
                     "optimizer": "adam", "learning_rate": args.learning_rate, "batch_size": args.batch_size,
                     "train_images": len(x_train), "threads": torch.get_num_threads(), "seed": args.seed},
        "results": results,
        "wall_seconds": round(time.time() - started, 1),
    }
    print(json.dumps(record))


if __name__ == "__main__":
    main()
