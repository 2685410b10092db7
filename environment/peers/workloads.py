"""The benchmark's workloads as dlnb.bench.Workload defines them: architecture, data preparation, optimizer settings,
batch size, epochs, and which epochs are timed."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Mlp:
    hidden: tuple          # hidden layer sizes
    activation: str        # hidden activation: "sigmoid" or "relu"
    batch: int
    epochs: int
    timed_from: int        # first timed epoch (1-based); the Java bench times epochs timed_from..epochs
    standardize: bool


W1 = dict(activation="sigmoid", epochs=35, timed_from=1, standardize=True)
W2 = dict(activation="relu", batch=100, epochs=3, timed_from=2, standardize=False)

MLPS = {
    # 784-70-30-10 sigmoid outputs, log loss summed over outputs and batch, L2 0.2 on weights, momentum 0.00005,
    # initial weights uniform in ±0.5·sqrt(1/fan-in), biases 0; learning rate 0.001 (batch 500), 0.0001 (20,000)
    "W1_500": Mlp(hidden=(70, 30), batch=500, **W1),
    "W1_20000": Mlp(hidden=(70, 30), batch=20_000, **W1),
    # 784-h-h-10 ReLU, softmax cross-entropy (mean over the batch), Adam 0.001/0.9/0.999/1e-8, Glorot-uniform, biases 0
    "W2_50": Mlp(hidden=(50, 50), **W2),
    "W2_1000": Mlp(hidden=(1000, 1000), **W2),
}

W1_LEARNING_RATE = {500: 0.001, 20_000: 0.0001}
W1_MOMENTUM = 0.00005
W1_L2 = 0.2

# W3: the Keras article's CNN on standardised images, RMSprop lr 0.001 ρ 0.9 ε 1e-7, batch 64, one timed epoch.
W3_BATCH = 64
EVALUATION_BATCH = 500
