#!/usr/bin/python3
"""W1 and W2 of the benchmark written by hand in numpy: forward pass, loss, backward pass (every derivative from the
activations stored on the way forward) and the optimizer update, with the data, initial ranges and hyper-parameters
of dlnb.bench.Workload. Prints one result line (see result.py).
    /usr/bin/python3 environment/peers/numpy_mlp.py W1_500 [--threads N]"""
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import settings  # noqa: E402
from workloads import MLPS, W1_L2, W1_LEARNING_RATE, W1_MOMENTUM, EVALUATION_BATCH  # noqa: E402

args = settings.parse(__doc__.splitlines()[0], sorted(MLPS))
settings.apply(args.threads)
import numpy as np  # noqa: E402  (after settings.apply: OpenBLAS reads its settings when it loads)

import mnist  # noqa: E402
import result  # noqa: E402

F32 = np.float32


class Network:
    """Dense layers whose parameters live in one flat buffer (all weights, then all biases) and whose gradients live
    in a parallel one, so regularisation and update are a few whole-buffer operations. Work arrays are allocated
    once per batch size."""

    def __init__(self, sizes, hidden, output, limits, rng):
        shapes = list(zip(sizes[:-1], sizes[1:]))
        self.n_weights = sum(i * o for i, o in shapes)
        self.params = np.zeros(self.n_weights + sum(o for _, o in shapes), F32)
        self.grads = np.zeros_like(self.params)
        self.w, self.b, self.gw, self.gb = [], [], [], []
        at_w, at_b = 0, self.n_weights
        for (i, o), limit in zip(shapes, limits):
            self.w.append(self.params[at_w:at_w + i * o].reshape(i, o))
            self.gw.append(self.grads[at_w:at_w + i * o].reshape(i, o))
            self.b.append(self.params[at_b:at_b + o])
            self.gb.append(self.grads[at_b:at_b + o])
            self.w[-1][...] = rng.uniform(-limit, limit, (i, o))
            at_w, at_b = at_w + i * o, at_b + o
        self.activations = [hidden] * (len(shapes) - 1) + [output]
        self.buffers = {}

    def work(self, batch):
        """The work arrays of one batch size: a (layer outputs), d (dL/dz of each layer), t (scratch)."""
        if batch not in self.buffers:
            outs = [np.empty((batch, w.shape[1]), F32) for w in self.w]
            self.buffers[batch] = dict(a=outs, d=[np.empty_like(a) for a in outs], t=[np.empty_like(a) for a in outs])
        return self.buffers[batch]

    def output_delta(self, batch):
        """Where the loss writes dL/dz of the last layer."""
        return self.work(batch)["d"][-1]

    def forward(self, x):
        """a = f(a_prev·W + b) layer by layer, in place in the batch's buffers (kept for backward)."""
        buf = self.work(len(x))
        a = x
        for w, b, out, f in zip(self.w, self.b, buf["a"], self.activations):
            np.matmul(a, w, out=out)
            out += b
            activate(f, out)
            a = out
        return a

    def backward(self, x, delta):
        """delta = dL/dz of the last layer; fills the gradients. dW = a_prevᵀ·δ, db = Σ δ, δ_prev = (δ·Wᵀ) ∘ f'(a_prev).
        The first layer's input gradient is not needed and not computed."""
        buf = self.work(len(x))
        for l in reversed(range(len(self.w))):
            a_prev = x if l == 0 else buf["a"][l - 1]
            np.matmul(a_prev.T, delta, out=self.gw[l])
            np.sum(delta, axis=0, out=self.gb[l])
            if l > 0:
                d_prev = buf["d"][l - 1]
                np.matmul(delta, self.w[l].T, out=d_prev)
                times_derivative(self.activations[l - 1], a_prev, d_prev, buf["t"][l - 1])
                delta = d_prev


def activate(f, z):
    if f == "sigmoid":  # 1 / (1 + e^-z); e^-z overflows to inf for very negative z, giving 0 as it should
        np.negative(z, out=z)
        np.exp(z, out=z)
        z += 1
        np.reciprocal(z, out=z)
    elif f == "relu":
        np.maximum(z, 0, out=z)


def times_derivative(f, a, d, scratch):
    """d *= f'(z), written with the output a = f(z): sigmoid' = a(1 - a), relu' = [a > 0]."""
    if f == "sigmoid":
        np.multiply(a, a, out=scratch)
        np.subtract(a, scratch, out=scratch)
        d *= scratch
    elif f == "relu":
        np.greater(a, 0, out=scratch)
        d *= scratch


class SummedLogLoss:
    """L = -Σ [y·log a + (1-y)·log(1-a)] over outputs and batch, a clipped to [1e-7, 1-1e-7]; behind the sigmoid
    output dL/dz = a - y."""
    EPS = 1e-7
    summed = True

    def __call__(self, a, y, delta):
        scratch = np.empty_like(a)
        np.clip(a, self.EPS, 1 - self.EPS, out=scratch)
        log_a = np.log(scratch)
        np.subtract(1, scratch, out=scratch)
        np.log(scratch, out=scratch)  # log(1 - a)
        loss = -(np.vdot(y, log_a) + scratch.sum() - np.vdot(y, scratch))
        np.subtract(a, y, out=delta)
        return loss


class SoftmaxCrossEntropy:
    """L = mean over the batch of -Σ y·log softmax(z), through log-softmax; dL/dz = (softmax(z) - y) / batch."""
    summed = False

    def __call__(self, z, y, delta):
        scratch = np.empty_like(z)
        np.subtract(z, z.max(axis=1, keepdims=True), out=scratch)  # z - max z: e^x cannot overflow
        np.exp(scratch, out=delta)
        sums = delta.sum(axis=1, keepdims=True)
        n = len(z)
        loss = -(np.vdot(y, scratch) - np.log(sums).sum()) / n
        delta /= sums
        delta -= y
        delta *= 1 / n
        return loss


class Momentum:
    """As dlnb with L2: g += λ·w on the weights; v = μ·v - lr·g; p += v."""

    def __init__(self, net, lr, momentum, l2):
        self.net, self.lr, self.mu, self.l2 = net, lr, momentum, l2
        self.v = np.zeros_like(net.params)
        self.t = np.empty_like(net.params)

    def step(self):
        p, g, v, t, nw = self.net.params, self.net.grads, self.v, self.t, self.net.n_weights
        np.multiply(p[:nw], self.l2, out=t[:nw])
        g[:nw] += t[:nw]
        v *= self.mu
        np.multiply(g, self.lr, out=t)
        v -= t
        p += v


class Adam:
    """m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; p -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε), as dlnb.
    The flat buffers are updated in blocks that fit the core's cache, so the eleven passes of the formula re-read
    cached data instead of memory."""
    BLOCK = 1 << 16  # 256 KiB per array; best of 4k-256k and unblocked on the 2-core machine (4.7 vs 5.6 ms per step)

    def __init__(self, net, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.net, self.lr, self.beta1, self.beta2, self.eps = net, lr, beta1, beta2, eps
        self.m = np.zeros_like(net.params)
        self.v = np.zeros_like(net.params)
        self.t = np.empty(min(self.BLOCK, len(net.params)), F32)
        self.steps = 0

    def step(self):
        self.steps += 1
        b1, b2 = self.beta1, self.beta2
        rate = self.lr * np.sqrt(1 - b2 ** self.steps) / (1 - b1 ** self.steps)
        n = len(self.net.params)
        for start in range(0, n, self.BLOCK):
            end = min(n, start + self.BLOCK)
            p, g = self.net.params[start:end], self.net.grads[start:end]
            m, v, t = self.m[start:end], self.v[start:end], self.t[:end - start]
            m *= b1
            np.multiply(g, 1 - b1, out=t)
            m += t
            v *= b2
            np.multiply(g, g, out=t)
            t *= 1 - b2
            v += t
            np.sqrt(v, out=t)
            t += self.eps
            np.divide(m, t, out=t)
            t *= rate
            p -= t


def build(name, workload, rng):
    sizes = (784,) + workload.hidden + (10,)
    if name.startswith("W1"):
        limits = [0.5 * np.sqrt(1 / i) for i in sizes[:-1]]
        net = Network(sizes, "sigmoid", "sigmoid", limits, rng)
        return net, SummedLogLoss(), Momentum(net, W1_LEARNING_RATE[workload.batch], W1_MOMENTUM, W1_L2)
    limits = [np.sqrt(6 / (i + o)) for i, o in zip(sizes[:-1], sizes[1:])]  # Glorot uniform
    net = Network(sizes, "relu", "identity", limits, rng)
    return net, SoftmaxCrossEntropy(), Adam(net)


def accuracy(net, x, labels):
    correct = 0
    for start in range(0, len(x), EVALUATION_BATCH):
        out = net.forward(x[start:start + EVALUATION_BATCH])
        correct += int((out.argmax(axis=1) == labels[start:start + EVALUATION_BATCH]).sum())
    return correct / len(x)


def main():
    workload = MLPS[args.workload]
    x, labels, x_test, labels_test = mnist.load()
    if workload.standardize:
        x, x_test = mnist.standardize(x, x_test)
    y = mnist.one_hot(labels)
    rng = np.random.default_rng(args.seed)
    net, loss, optimizer = build(args.workload, workload, rng)
    n, batch = len(x), workload.batch
    xs, ys, ls = np.empty_like(x), np.empty_like(y), np.empty_like(labels)
    timed = update_seconds = 0.0
    for epoch in range(1, workload.epochs + 1):
        start = time.perf_counter()
        # A new order each epoch, the shuffled copy made as dlnb makes it. mode="clip" (the indices are a
        # permutation, always in range) lets take write straight into xs: the default mode buffers the whole copy.
        order = rng.permutation(n)
        np.take(x, order, axis=0, out=xs, mode="clip")
        np.take(y, order, axis=0, out=ys, mode="clip")
        np.take(labels, order, out=ls, mode="clip")
        loss_sum, correct, epoch_update = 0.0, 0, 0.0
        for b0 in range(0, n, batch):
            xb, yb = xs[b0:b0 + batch], ys[b0:b0 + batch]
            out = net.forward(xb)
            delta = net.output_delta(len(xb))
            value = loss(out, yb, delta)
            loss_sum += value if loss.summed else value * len(xb)
            correct += int((out.argmax(axis=1) == ls[b0:b0 + batch]).sum())
            net.backward(xb, delta)
            u = time.perf_counter()
            optimizer.step()
            epoch_update += time.perf_counter() - u
        seconds = time.perf_counter() - start
        if epoch >= workload.timed_from:   # the optimizer step too is averaged over the timed epochs only
            timed += seconds
            update_seconds += epoch_update
        if args.verbose:
            print(f"epoch {epoch}: {seconds:.2f} s, loss {loss_sum / n:.4f}, accuracy {correct / n:.4f}", file=sys.stderr)
    images = (workload.epochs - workload.timed_from + 1) * n
    steps = (workload.epochs - workload.timed_from + 1) * ((n + batch - 1) // batch)
    result.print_result(args.workload, timed, images / timed, accuracy(net, x_test, labels_test),
                        f"{settings.openblas_in_use()}", f"numpy {np.__version__}", update_seconds / steps)


if __name__ == "__main__":
    with np.errstate(over="ignore"):
        main()
