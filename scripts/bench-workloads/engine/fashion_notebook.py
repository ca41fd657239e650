"""PyTorch's side of `RESULT render-fashion`: what notebooks/fashion-cnn-vs-mlp.md computes, at its
defaults, as one plain script (run by scripts/bench.py, whole process timed, 2 threads).

Cell by cell: load Fashion-MNIST, a stratified 90/10 train/validation split, label counts, the data
checks (non-finite pixels, pixel and label range, class balance), 8 samples per class, the MLP and
the CNN of reference.py with their summaries, each trained for EPOCHS epochs (Adam 1e-3, batch 64,
reshuffled every epoch, validation loss and accuracy after each epoch in batches of 256, as Folio's
`fit` does), then both evaluated on the 10k test images (loss, accuracy, confusion matrix, per-class
precision, recall and F1). Pixels stay bytes and are scaled to [0, 1] as each batch is made, as
Folio's datasets do, so the two hold the same data. Not reproduced: drawing the charts and
writing the HTML report (Folio's cost for those is in its time, not here).
Usage: fashion_notebook.py [EPOCHS [BATCH-SIZE]]   Prints the two test accuracies and the gain.
"""
import sys

import torch
from torch import nn

from reference import idx, model

SEED, CLASSES = 42, 10


def load():
    """Train and test images as uint8 [N, 1, 28, 28] with int64 labels."""
    def images(name):
        return torch.from_numpy(idx(name, 16).copy()).reshape(-1, 1, 28, 28)

    def labels(name):
        return torch.from_numpy(idx(name, 8).astype("int64"))
    return ((images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz")),
            (images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz")))


def stratified_split(y, fraction, generator):
    """Indices of the first part and the rest, `fraction` of every class in the first."""
    first, rest = [], []
    for c in range(CLASSES):
        members = (y == c).nonzero().flatten()
        members = members[torch.randperm(len(members), generator=generator)]
        cut = round(fraction * len(members))
        first.append(members[:cut])
        rest.append(members[cut:])
    return torch.cat(first), torch.cat(rest)


def check(x, y):
    """The data checks' facts: non-finite pixels, pixel range, label range, class counts."""
    pixels = x.float()
    return (int((~pixels.isfinite()).sum()), float(pixels.min()), float(pixels.max()),
            int(y.min()), int(y.max()), torch.bincount(y, minlength=CLASSES).tolist())


def batch(x, rows):
    """Bytes to floats in [0, 1] for the rows of one batch."""
    return x[rows].float().div_(255)


def evaluate(net, x, y, rows=None, batch_size=256):
    """Mean cross-entropy and the predictions on `rows` of (x, y) (all when None)."""
    rows = torch.arange(len(y)) if rows is None else rows
    net.eval()
    loss, predictions = 0.0, []
    with torch.no_grad():
        for i in range(0, len(rows), batch_size):
            part = rows[i:i + batch_size]
            logits = net(batch(x, part))
            loss += nn.functional.cross_entropy(logits, y[part], reduction="sum").item()
            predictions.append(logits.argmax(1))
    return loss / len(rows), torch.cat(predictions)


def fit(net, x, y, train, validation, epochs, batch_size, generator):
    """Adam 1e-3 on the `train` rows, validation loss and accuracy after every epoch."""
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    history = []
    for _ in range(epochs):
        net.train()
        order = train[torch.randperm(len(train), generator=generator)]
        for i in range(0, len(order), batch_size):
            rows = order[i:i + batch_size]
            optimizer.zero_grad(set_to_none=True)
            nn.functional.cross_entropy(net(batch(x, rows)), y[rows]).backward()
            optimizer.step()
        loss, predictions = evaluate(net, x, y, validation)
        history.append((loss, (predictions == y[validation]).float().mean().item()))
    return history


def report(predictions, y):
    """Accuracy, confusion matrix and per-class precision, recall and F1."""
    confusion = torch.bincount(y * CLASSES + predictions, minlength=CLASSES * CLASSES).reshape(CLASSES, CLASSES)
    right = confusion.diag().double()
    precision = right / confusion.sum(0).clamp(min=1)
    recall = right / confusion.sum(1).clamp(min=1)
    f1 = 2 * precision * recall / (precision + recall).clamp(min=1e-12)
    return right.sum().item() / len(y), confusion, precision, recall, f1


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    batch_size = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    torch.set_num_threads(2)
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    (x, y), (x_test, y_test) = load()
    train, validation = stratified_split(y, 0.9, generator)
    facts = [torch.bincount(y[train], minlength=CLASSES), check(x, y), check(x_test, y_test),
             [(y == c).nonzero()[:8].flatten() for c in range(CLASSES)]]
    accuracies = []
    for kind in ("mlp", "cnn"):
        net = model(kind)
        facts.append((str(net), sum(p.numel() for p in net.parameters())))
        facts.append(fit(net, x, y, train, validation, epochs, batch_size, generator))
        loss, predictions = evaluate(net, x_test, y_test)
        accuracies.append(report(predictions, y_test)[0])
        facts.append(loss)
    mlp, cnn = accuracies
    print(f"mlp_accuracy={mlp:.4f} cnn_accuracy={cnn:.4f} gain_points={(cnn - mlp) * 100:.1f}")


if __name__ == "__main__":
    main()
