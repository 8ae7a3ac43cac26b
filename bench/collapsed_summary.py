#!/usr/bin/env python3
"""Summarises an async-profiler 'collapsed' file: share of CPU samples by leaf frame (self time) and by chosen
inclusive frames (DL4J layer steps, native kernels). Usage: collapsed_summary.py FILE [TOP]"""
import collections
import re
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
leaf = collections.Counter()
inclusive = collections.Counter()
total = 0
# Frames worth an inclusive figure: DL4J layer forward/backward, ND4J ops, native kernel families.
interesting = re.compile(
    r'(ConvolutionLayer\.(preOutput|backpropGradient)|SubsamplingLayer\.(activate|backpropGradient)'
    r'|OutputLayer\.|BaseOutputLayer\.(backpropGradient|computeScore)|MKLDNNConvHelper\.(preOutput|backpropGradient)'
    r'|MKLDNNSubsamplingHelper|Convolution\.im2col|col2im|im2col|sgemm|gemm|dnnl|jit_|AdamUpdater|BaseMultiLayerUpdater\.update'
    r'|StochasticGradientDescent\.optimize|MultiLayerNetwork\.(fit|output|computeGradientAndScore|ffToLayerActivationsInWs|calcBackpropGradients)'
    r'|execCustomOp|exec(Transform|Scalar|Reduce|Pairwise|Broadcast)|Nd4jWorkspace|GC|gomp|sched_yield|futex|__memcpy|memset'
    r'|InferenceSession|SameDiff\.fit|Java_)')
for line in open(path):
    line = line.rstrip('\n')
    if not line:
        continue
    stack, _, count = line.rpartition(' ')
    n = int(count)
    total += n
    frames = stack.split(';')
    leaf[frames[-1]] += n
    seen = set()
    for f in frames:
        m = interesting.search(f)
        if m:
            key = f if len(f) < 120 else f[:117] + '...'
            if key not in seen:
                seen.add(key)
                inclusive[key] += n
print(f'total samples: {total}')
print(f'\n| self (leaf) frame | share |\n|---|---|')
for f, n in leaf.most_common(top):
    print(f'| `{f[:110]}` | {100 * n / total:.1f}% |')
print(f'\n| inclusive frame | share |\n|---|---|')
for f, n in inclusive.most_common(top):
    print(f'| `{f[:110]}` | {100 * n / total:.1f}% |')
