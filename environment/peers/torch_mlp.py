#!/usr/bin/python3
"""W1 and W2 of the benchmark in PyTorch, written as PyTorch is usually written (nn.Sequential, a built-in loss and
optimizer, autograd), with the data, initial ranges and hyper-parameters of dlnb.bench.Workload. Prints one result
line (see result.py).
    /usr/bin/python3 environment/peers/torch_mlp.py W2_50 [--threads N]"""
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import settings  # noqa: E402
from workloads import MLPS, W1_L2, W1_LEARNING_RATE, W1_MOMENTUM, EVALUATION_BATCH  # noqa: E402

args = settings.parse(__doc__.splitlines()[0], sorted(MLPS))
settings.apply(args.threads)
import torch  # noqa: E402  (after settings.apply: OpenMP and OpenBLAS read their settings when they load)
from torch import nn  # noqa: E402

import mnist  # noqa: E402
import result  # noqa: E402
import torch_common  # noqa: E402


def build(name, workload):
    sizes = (784,) + workload.hidden + (10,)
    layers = []
    for i, o in zip(sizes[:-1], sizes[1:]):
        linear = nn.Linear(i, o)
        if name.startswith("W1"):
            nn.init.uniform_(linear.weight, -0.5 * math.sqrt(1 / i), 0.5 * math.sqrt(1 / i))
        else:
            nn.init.xavier_uniform_(linear.weight)  # uniform in ±sqrt(6 / (fan-in + fan-out)), as dlnb's Glorot
        nn.init.zeros_(linear.bias)
        layers += [linear, nn.Sigmoid() if name.startswith("W1") else nn.ReLU()]
    model = nn.Sequential(*layers[:-1])  # the last layer gives raw scores; the loss applies sigmoid / softmax
    weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
    biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
    if name.startswith("W1"):
        # Log loss of sigmoid outputs summed over outputs and batch; L2 λ·w on the weights only as SGD weight decay;
        # PyTorch's momentum buffer b = μ·b + g, p -= lr·b is dlnb's v = μ·v - lr·g, p += v for a constant lr.
        loss = nn.BCEWithLogitsLoss(reduction="sum")
        optimizer = torch.optim.SGD([{"params": weights, "weight_decay": W1_L2}, {"params": biases}],
                                    lr=W1_LEARNING_RATE[workload.batch], momentum=W1_MOMENTUM)
        return model, loss, optimizer, True
    # Adam's defaults are dlnb's (PyTorch adds ε after the bias correction of v, a difference of ~1e-8 in the step).
    return model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8), False


def main():
    workload = MLPS[args.workload]
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    x, labels, x_test, labels_test = mnist.load()
    if workload.standardize:
        x, x_test = mnist.standardize(x, x_test)
    model, loss_fn, optimizer, one_hot_targets = build(args.workload, workload)
    x, x_test = torch.from_numpy(x), torch.from_numpy(x_test)
    labels, labels_test = torch.from_numpy(labels), torch.from_numpy(labels_test)
    targets = torch.from_numpy(mnist.one_hot(labels.numpy())) if one_hot_targets else labels
    run = torch_common.train(model, loss_fn, optimizer, x, targets, labels, workload.batch, workload.epochs,
                             workload.timed_from, summed=one_hot_targets, verbose=args.verbose)
    accuracy = torch_common.accuracy(model, x_test, labels_test, EVALUATION_BATCH)
    result.print_result(args.workload, run.seconds, run.images_per_second, accuracy, torch_common.describe(),
                        f"PyTorch {torch.__version__}", run.update_seconds_per_step)


if __name__ == "__main__":
    main()
