"""PyTorch's side of `scripts/bench engine`: the issue's CNN or MLP on the full Fashion-MNIST;
and of `scripts/bench sequence`: the LSTM, RNN and Transformer of issue 5, each image read as
28 steps (rows) of 28 features.

Same architectures as Folio's EngineBench (NCHW here, NHWC there), cross-entropy on logits,
Adam 1e-3, batch 64 (sequence models: 128), reshuffled every epoch, 2 threads. Every model starts
from Keras's initialisers (the ones Folio uses), so both sides train the same model from the same
distributions: the sequence models' accuracy after 2 epochs depends on the initialisation more than
on the engine. (For the MLP, PyTorch's own defaults gave the same median over 6 runs.)
Usage: reference.py cnn|mlp|lstm|gru|rnn|transformer [EPOCHS [INFERENCE-PASSES]]
Prints the keys EngineBench prints: epoch_seconds=<s>,<s>,…  test_accuracy=<%>  peak_rss_mb=<MB>
cpu_seconds=<whole process, all threads>, and with INFERENCE-PASSES > 0 infer_seconds=<s>,<s>,…
infer_images=<test images per pass>
"""
import gzip
import resource
import sys
import time

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def idx(name, header):
    """An IDX file's payload as uint8 (header bytes skipped: 16 for images, 8 for labels)."""
    with gzip.open(f"{DATA}/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header)


def images(name):
    """[N, 1, 28, 28] float32 in [0, 1]."""
    return torch.from_numpy(idx(name, 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255.0)


def labels(name):
    return torch.from_numpy(idx(name, 8).astype(np.int64))


class Recurrent(nn.Module):
    """nn.LSTM or nn.RNN over the rows, then a head on the last step's output."""

    def __init__(self, recurrent, head):
        super().__init__()
        self.recurrent, self.head = recurrent, head

    def forward(self, x):
        return self.head(self.recurrent(x.reshape(-1, 28, 28))[0][:, -1])


class Transformer(nn.Module):
    """Dense(64) per row, single-head self-attention (q, k, v and output projections, as Keras's
    and Folio's MultiHeadAttention) + residual, LayerNorm (eps 1e-3 as Folio), then an MLP head."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(28, 64)
        self.attention = nn.MultiheadAttention(64, 1, batch_first=True)
        self.norm = nn.LayerNorm(64, eps=1e-3)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(28 * 64, 128), nn.ReLU(), nn.Linear(128, 10))

    def forward(self, x):
        x = self.embed(x.reshape(-1, 28, 28))
        x = self.norm(x + self.attention(x, x, x, need_weights=False)[0])
        return self.head(x)


BATCH = {"lstm": 128, "gru": 128, "rnn": 128, "transformer": 128}


def keras_initialisation(net):
    """Keras's defaults, as Folio uses them: Glorot-uniform kernels (each of attention's q, k, v
    projections on its own), orthogonal recurrent kernels, zero biases but 1 for the LSTM's forget
    gate. PyTorch stores kernels transposed ([out, in]), which leaves Glorot's bound unchanged."""
    for module in net.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):  # a convolution's fans count its receptive field
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.MultiheadAttention):
            for projection in module.in_proj_weight.chunk(3):
                nn.init.xavier_uniform_(projection)
            nn.init.zeros_(module.in_proj_bias)
        elif isinstance(module, (nn.LSTM, nn.GRU, nn.RNN)):
            for name, parameter in module.named_parameters():
                if name.startswith("weight_ih"):
                    nn.init.xavier_uniform_(parameter)
                elif name.startswith("weight_hh"):
                    nn.init.orthogonal_(parameter)
                else:
                    nn.init.zeros_(parameter)
            if isinstance(module, nn.LSTM):  # gates (i, f, g, o): one bias vector carries the forget bias
                units = module.hidden_size
                nn.init.ones_(module.bias_ih_l0[units:2 * units])
    return net


def model(kind):
    if kind == "cnn":
        return keras_initialisation(nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(64, 64, 3), nn.ReLU(),
            nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10)))
    if kind == "mlp":
        return keras_initialisation(nn.Sequential(nn.Flatten(), nn.Linear(784, 150), nn.Tanh(), nn.Linear(150, 10)))
    if kind == "lstm":
        return keras_initialisation(Recurrent(nn.LSTM(28, 128, batch_first=True),
                                              nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))))
    if kind == "gru":
        return keras_initialisation(Recurrent(nn.GRU(28, 128, batch_first=True),
                                              nn.Sequential(nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))))
    if kind == "rnn":
        return keras_initialisation(Recurrent(nn.RNN(28, 64, nonlinearity="tanh", batch_first=True), nn.Linear(64, 10)))
    if kind == "transformer":
        return keras_initialisation(Transformer())
    sys.exit("usage: reference.py cnn|mlp|lstm|gru|rnn|transformer [EPOCHS]")


def evaluate(net, x_test, y_test, batch_size=256):
    """What Folio's `evaluate` computes, in inference mode: mean loss, predictions, accuracy (%)."""
    net.eval()
    loss_sum, predictions = 0.0, []
    with torch.no_grad():
        for i in range(0, len(x_test), batch_size):
            logits = net(x_test[i:i + batch_size])
            loss_sum += nn.functional.cross_entropy(logits, y_test[i:i + batch_size], reduction="sum").item()
            predictions.append(logits.argmax(1))
    predictions = torch.cat(predictions)
    return loss_sum / len(x_test), predictions, 100 * (predictions == y_test).sum().item() / len(x_test)


def inference_seconds(net, x_test, y_test, passes):
    """Wall seconds of each of `passes` evaluations after the first (as EngineBench times them)."""
    seconds = []
    for _ in range(passes):
        start = time.perf_counter()
        evaluate(net, x_test, y_test)
        seconds.append(time.perf_counter() - start)
    return seconds


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    torch.set_num_threads(2)
    net, batch_size = model(kind), BATCH.get(kind, 64)
    x_train, y_train = images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")
    x_test, y_test = images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        net.train()
        order = torch.randperm(len(x_train))
        for i in range(0, len(order), batch_size):
            batch = order[i:i + batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(net(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - start)
    accuracy = evaluate(net, x_test, y_test)[2]
    inference = inference_seconds(net, x_test, y_test, passes)
    if inference:
        print("infer_seconds=" + ",".join(f"{s:.4f}" for s in inference))
        print(f"infer_images={len(x_test)}")
    print("epoch_seconds=" + ",".join(f"{s:.4f}" for s in seconds))
    print(f"test_accuracy={accuracy:.2f}")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"peak_rss_mb={usage.ru_maxrss / 1024:.1f}")  # Linux: KiB
    print(f"cpu_seconds={usage.ru_utime + usage.ru_stime:.2f}")
    print(f"torch={torch.__version__} cpu_capability={torch.backends.cpu.get_cpu_capability()} "
          f"threads={torch.get_num_threads()}", file=sys.stderr)


if __name__ == "__main__":
    main()
