"""PyTorch's side of `RESULT first-output`: the first cell of a Fashion-MNIST notebook as one
process, timed whole by scripts/bench.py: import torch, load Fashion-MNIST (bytes, as Folio holds
it; fashion_notebook.load), build the CNN of reference.py and print a Keras-style summary (each
layer's output shape and parameter count, from one forward pass of an empty image, and the total).
Folio's side is `folio run` of the same cell (scripts/bench.py writes it).
"""
import torch

from fashion_notebook import load
from reference import model


def summary(net, sample_shape):
    """One line per layer: name, output shape, parameters; then the total."""
    lines, x = [], torch.zeros(1, *sample_shape)
    with torch.no_grad():
        for name, layer in net.named_children():
            x = layer(x)
            count = sum(p.numel() for p in layer.parameters())
            lines.append(f"{name:4} {type(layer).__name__:10} {str(tuple(x.shape[1:])):16} {count:>8,}")
    total = sum(p.numel() for p in net.parameters())
    return "\n".join(lines + [f"Total params: {total:,}"])


if __name__ == "__main__":
    (x, y), (x_test, y_test) = load()
    print(summary(model("cnn"), (1, 28, 28)))
