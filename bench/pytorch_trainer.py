#!/usr/bin/python3
"""PyTorch's side of `./paretune bench trainer`: the reference MLP (784-256-128-10 ReLU) or the reference CNN
(conv 5x5x32 'same' -> max-pool 2 -> conv 5x5x64 'same' -> max-pool 2 -> softmax 10, 83,466 parameters) trained with
Adam 1e-3, batch 128, on the same training images as the DL4J engines (their indices come from the benchmark suite in
--train-indices, little-endian int32), then batch-1 latency and batch-256 throughput. Prints one JSON record on
stdout (progress on stderr), the same shape as the DL4J engines' records, which it merges.

Run it with Debian's interpreter (python3-torch 1.13, CPU). Thread settings come from the caller: --threads for
torch.set_num_threads, and OMP_WAIT_POLICY in the environment before this process starts (libgomp reads it once).

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch_trainer.py --model cnn --threads 2 --limit 2000
"""

import argparse
import gzip
import json
import os
import platform
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

DATASET_DIR = "/usr/share/datasets/fashion-mnist"
BATCH = 128


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = magic & 0xFF
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(dataset_dir, prefix):
    images = read_idx(os.path.join(dataset_dir, prefix + "-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(dataset_dir, prefix + "-labels-idx1-ubyte.gz"))
    # As ImageBatches: pixels / 255 as float32, one flat row of 784 per image.
    x = torch.from_numpy(images.reshape(len(images), 784).astype(np.float32) / 255.0)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def reference_model(name):
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    if name == "cnn":
        return nn.Sequential(
            nn.Unflatten(1, (1, 28, 28)),
            nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(7 * 7 * 64, 10))
    raise SystemExit("unknown model " + name)


def peak_rss_mb():
    """VmHWM of this process: its own peak resident set."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024.0, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def blas_libraries():
    """The BLAS shared libraries this process has mapped: Debian's torch calls whatever libblas.so.3 points to
    (BLAS_INFO=generic), and the netlib reference BLAS there is ~50x slower than OpenBLAS for the MLP's products."""
    found = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            if "blas" in os.path.basename(path).lower() or "/blas/" in path:
                found.add(os.path.realpath(path))
    return sorted(found)


def load_average():
    with open("/proc/loadavg") as f:
        return f.read().strip()


def percentile(sorted_values, q):
    index = max(0, min(len(sorted_values) - 1, int(np.ceil(q * len(sorted_values))) - 1))
    return sorted_values[index]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=["mlp", "cnn"], required=True)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--train-indices", help="little-endian int32 indices into the 60,000 training images")
    p.add_argument("--limit", type=int, default=0, help="without --train-indices: the first N training images")
    p.add_argument("--warmup-batches", type=int, default=20)
    p.add_argument("--latency-reps", type=int, default=2000)
    p.add_argument("--throughput-reps", type=int, default=100)
    p.add_argument("--dataset-dir", default=DATASET_DIR)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()

    started = time.time()
    load_start = load_average()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    x_all, y_all = load(args.dataset_dir, "train")
    x_test, y_test = load(args.dataset_dir, "t10k")
    if args.train_indices:
        indices = torch.from_numpy(np.fromfile(args.train_indices, dtype="<i4").astype(np.int64))
    else:
        indices = torch.arange(args.limit if args.limit > 0 else len(x_all))
    x_train, y_train = x_all[indices].contiguous(), y_all[indices].contiguous()
    n = len(x_train)

    model = reference_model(args.model)
    params = sum(t.numel() for t in model.parameters())
    loss_fn = nn.CrossEntropyLoss()

    def train_steps(net, optimizer, order, batches=None):
        net.train()
        count = 0
        for start in range(0, n, BATCH):
            if batches is not None and count >= batches:
                break
            batch = order[start:start + BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(net(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
            count += 1

    # Warm-up on a throw-away copy: kernels and allocator pools, as the DL4J engines do.
    if args.warmup_batches > 0:
        warm = reference_model(args.model)
        train_steps(warm, torch.optim.Adam(warm.parameters(), lr=1e-3), torch.randperm(n), args.warmup_batches)

    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    epoch_seconds = []
    for epoch in range(args.epochs):
        t = time.perf_counter()
        train_steps(model, optimizer, torch.randperm(n))
        epoch_seconds.append(time.perf_counter() - t)
        print("  pytorch %s epoch %d: %.3f s" % (args.model, epoch + 1, epoch_seconds[-1]), file=sys.stderr)

    model.eval()
    with torch.no_grad():
        correct = 0
        for start in range(0, len(x_test), 1000):
            correct += (model(x_test[start:start + 1000]).argmax(1) == y_test[start:start + 1000]).sum().item()
        test_accuracy = correct / len(x_test)

        rows = [x_test[i:i + 1].clone() for i in range(256)]
        for i in range(max(100, args.latency_reps // 10)):
            model(rows[i % 256])
        nanos = []
        for i in range(args.latency_reps):
            t = time.perf_counter_ns()
            model(rows[i % 256])
            nanos.append(time.perf_counter_ns() - t)
        nanos.sort()
        batch = x_test[0:256].clone()
        for _ in range(max(5, args.throughput_reps // 10)):
            model(batch)
        t = time.perf_counter()
        for _ in range(args.throughput_reps):
            model(batch)
        throughput_seconds = time.perf_counter() - t

    blas = blas_libraries()
    best = min(epoch_seconds)
    mean = sum(epoch_seconds) / len(epoch_seconds)
    record = {
        "model": args.model,
        "engine": "pytorch",
        "what": "plain PyTorch loop: randperm each epoch, index the in-memory tensor, zero_grad/backward/step",
        "settings": {
            "torch_num_threads": torch.get_num_threads(),
            "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "unset"),
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "unset"),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "unset"),
            "LD_PRELOAD": os.environ.get("LD_PRELOAD", "unset"),
        },
        "versions": {"torch": torch.__version__, "python": platform.python_version(), "numpy": np.__version__},
        "blas_libraries": blas,
        "params": params,
        "train_images": n,
        "epochs": args.epochs,
        "epoch_seconds": [round(s, 3) for s in epoch_seconds],
        "seconds_per_epoch_best": round(best, 3),
        "seconds_per_epoch_mean": round(mean, 3),
        "samples_per_second_best": round(n / best),
        "samples_per_second_mean": round(n / mean),
        "test_accuracy": round(test_accuracy, 4),
        "inference": {
            "batch1_latency_ms_median": round(percentile(nanos, 0.50) / 1e6, 4),
            "batch1_latency_ms_p95": round(percentile(nanos, 0.95) / 1e6, 4),
            "batch1_reps": args.latency_reps,
            "batch256_samples_per_second": round(256.0 * args.throughput_reps / throughput_seconds),
            "batch256_reps": args.throughput_reps,
        },
        "peak_rss_mb": peak_rss_mb(),
        "warning": ("libblas.so.3 is the netlib reference BLAS and no OpenBLAS is preloaded: PyTorch's dense layers "
                    "run ~10x below their speed; install libopenblas0 or let the benchmark preload DL4J's OpenBLAS "
                    "(--torch-blas auto)")
        if any("/blas/libblas.so" in b for b in blas) and not any("openblas" in b for b in blas) else None,
        "process_wall_seconds": round(time.time() - started, 1),
        "load_average_at_start": load_start,
        "load_average_at_end": load_average(),
    }
    json.dump(record, sys.stdout)
    print()


if __name__ == "__main__":
    main()
