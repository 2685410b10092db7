#!/usr/bin/python3
"""W3 of the benchmark in PyTorch: the Keras article's CNN (conv 32 3×3 relu, max-pool 2, conv 64 3×3 relu,
max-pool 2, conv 64 3×3 relu, flatten, dense 70 relu, dense 10 softmax) on standardised images, Glorot-uniform
weights and zero biases, cross-entropy, RMSprop (lr 0.001, ρ 0.9, ε 1e-7, Keras' values), batch 64, one epoch.
Prints one result line (see result.py).
    /usr/bin/python3 environment/peers/torch_cnn.py W3 [--threads N] [--channels-last]"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import settings  # noqa: E402
from workloads import W3_BATCH, EVALUATION_BATCH  # noqa: E402

args = settings.parse(__doc__.splitlines()[0], ["W3"],
                      [("--channels-last", "keep images and filters channels-last (NHWC), oneDNN's preferred layout")])
settings.apply(args.threads)
import torch  # noqa: E402  (after settings.apply: OpenMP and OpenBLAS read their settings when they load)
from torch import nn  # noqa: E402

import mnist  # noqa: E402
import result  # noqa: E402
import torch_common  # noqa: E402


def build():
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(),
        nn.Linear(576, 70), nn.ReLU(), nn.Linear(70, 10))  # softmax is in the loss (log-softmax, exact)
    for m in model:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)  # fan-in = cIn·k·k, fan-out = cOut·k·k, as dlnb and Keras count
            nn.init.zeros_(m.bias)
    return model


def main():
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    x, labels, x_test, labels_test = mnist.load()
    x, x_test = mnist.standardize(x, x_test)
    x = torch.from_numpy(x).reshape(-1, 1, 28, 28)
    x_test = torch.from_numpy(x_test).reshape(-1, 1, 28, 28)
    labels, labels_test = torch.from_numpy(labels), torch.from_numpy(labels_test)
    model = build()
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    optimizer = torch.optim.RMSprop(model.parameters(), lr=0.001, alpha=0.9, eps=1e-7)
    run = torch_common.train(model, nn.CrossEntropyLoss(), optimizer, x, labels, labels, W3_BATCH, 1, 1,
                             summed=False, verbose=args.verbose)
    accuracy = torch_common.accuracy(model, x_test, labels_test, EVALUATION_BATCH)
    result.print_result("W3", run.seconds, run.images_per_second, accuracy, torch_common.describe("channels-last" if args.channels_last else "NCHW"),
                        f"PyTorch {torch.__version__}", run.update_seconds_per_step)


if __name__ == "__main__":
    main()
