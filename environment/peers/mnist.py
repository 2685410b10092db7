"""MNIST read straight from the IDX files in data/mnist/ (raw or .gz), prepared as dlnb prepares it: pixels as
float32 rows of 784 values scaled to [0, 1], labels as integers 0-9, and the same standardisation."""
import gzip
import os
import struct

import numpy as np

FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}
IMAGES_MAGIC, LABELS_MAGIC = 2051, 2049


def default_directory():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("DLNB_DATA_DIR") or os.path.join(here, "..", "..", "data", "mnist")


def _read(directory, name):
    path = os.path.join(directory, name)
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return path, f.read()
    if os.path.isfile(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            return path + ".gz", f.read()
    raise SystemExit(f"MNIST file missing: neither {path} nor {path}.gz exists (run environment/fetch-mnist.sh)")


def _images(directory, name):
    path, data = _read(directory, name)
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != IMAGES_MAGIC or rows != 28 or cols != 28 or len(data) != 16 + count * rows * cols:
        raise SystemExit(f"{path} is not an MNIST image file (magic {magic}, {count} images of {rows}x{cols})")
    pixels = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return (pixels / np.float32(255)).astype(np.float32)


def _labels(directory, name):
    path, data = _read(directory, name)
    magic, count = struct.unpack(">II", data[:8])
    if magic != LABELS_MAGIC or len(data) != 8 + count:
        raise SystemExit(f"{path} is not an MNIST label file (magic {magic}, {count} labels)")
    labels = np.frombuffer(data, dtype=np.uint8, offset=8).astype(np.int64)
    if labels.max() > 9:
        raise SystemExit(f"{path} holds a label {labels.max()}, not a digit")
    return labels


def load(directory=None):
    """(x_train, y_train, x_test, y_test): x float32 [n, 784] in [0, 1], y int64 [n]."""
    directory = directory or default_directory()
    out = []
    for part in ("train", "test"):
        images, labels = FILES[part]
        x, y = _images(directory, images), _labels(directory, labels)
        if len(x) != len(y):
            raise SystemExit(f"{part}: {len(x)} images but {len(y)} labels")
        out += [x, y]
    return tuple(out)


def standardize(train, test):
    """x' = (x - mean) / std per pixel, fitted on the training set (population std; pixels that never vary keep
    scale 1), as dlnb's Standardizer."""
    mean = train.mean(axis=0, dtype=np.float64)
    std = train.std(axis=0, dtype=np.float64)
    std[std == 0] = 1
    mean, std = mean.astype(np.float32), std.astype(np.float32)
    return (train - mean) / std, (test - mean) / std


def one_hot(labels, classes=10):
    y = np.zeros((len(labels), classes), dtype=np.float32)
    y[np.arange(len(labels)), labels] = 1
    return y
