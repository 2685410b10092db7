"""The training loop and evaluation shared by the PyTorch peers: a new order each epoch (the shuffled copy made once
per epoch, as dlnb makes it), then per batch forward, loss, backward, optimizer step, with the batch's loss and
training accuracy kept as dlnb's fit keeps them."""
import os
import sys
import time
from dataclasses import dataclass

import torch

import settings


@dataclass
class Run:
    seconds: float
    images_per_second: float
    update_seconds_per_step: float


def train(model, loss_fn, optimizer, x, targets, labels, batch, epochs, timed_from, summed, verbose):
    n = len(x)
    timed = update_seconds = 0.0
    steps = 0
    model.train()
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        epoch_update, epoch_steps = 0.0, 0
        order = torch.randperm(n)
        xs, ts, ls = x[order], targets[order], labels[order]
        loss_sum, correct = 0.0, 0
        for b0 in range(0, n, batch):
            xb, tb = xs[b0:b0 + batch], ts[b0:b0 + batch]
            out = model(xb)
            loss = loss_fn(out, tb)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            u = time.perf_counter()
            optimizer.step()
            epoch_update += time.perf_counter() - u
            epoch_steps += 1
            loss_sum += loss.item() * (1 if summed else len(xb))
            correct += int((out.detach().argmax(dim=1) == ls[b0:b0 + batch]).sum())
        seconds = time.perf_counter() - start
        if epoch >= timed_from:   # the optimizer step too is averaged over the timed epochs only
            timed += seconds
            update_seconds += epoch_update
            steps += epoch_steps
        if verbose:
            print(f"epoch {epoch}: {seconds:.2f} s, loss {loss_sum / n:.4f}, accuracy {correct / n:.4f}", file=sys.stderr)
    images = (epochs - timed_from + 1) * n
    return Run(timed, images / timed, update_seconds / steps)


def accuracy(model, x, labels, batch):
    model.eval()
    correct = 0
    with torch.no_grad():
        for b0 in range(0, len(x), batch):
            correct += int((model(x[b0:b0 + batch]).argmax(dim=1) == labels[b0:b0 + batch]).sum())
    return correct / len(x)


def describe(*extra):
    """The settings in force, as the libraries report them."""
    parts = [f"torch threads {torch.get_num_threads()}", f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY')}",
             settings.openblas_in_use(), *extra]
    return ", ".join(parts)
