"""Reference for `scripts/bench data`: load the full Fashion-MNIST (train + test) from the gz IDX
files with Python's gzip and numpy.frombuffer, the way most tutorials do.

Prints `reference_seconds=<s>` (one load; run.sh takes the best of several runs, as for the Swift
side), `reference_peak_rss_mb=<MB>` and `checksum=<sum of labels>,<sum of pixels>` so the two
loaders can be checked against each other.
"""
import gzip
import resource
import sys
import time

import numpy as np

directory = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"


def images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(-1, 28, 28)


def labels(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=8)


start = time.perf_counter()
sets = {
    split: (images(f"{directory}/{split}-images-idx3-ubyte.gz"), labels(f"{directory}/{split}-labels-idx1-ubyte.gz"))
    for split in ("train", "t10k")
}
seconds = time.perf_counter() - start
label_sum = sum(int(y.sum(dtype=np.int64)) for _, y in sets.values())
pixel_sum = sum(int(x.sum(dtype=np.int64)) for x, _ in sets.values())
print(f"reference_seconds={seconds}")
print(f"reference_peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}")
print(f"checksum={label_sum},{pixel_sum}")
