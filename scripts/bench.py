"""Driver for scripts/bench: times Folio and its reference on the same machine in one run.

Each workload runs alternately in Folio and in the reference, several times; the medians are
compared, since the machine is noisy.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FOLIO = os.path.join(ROOT, ".build", "release", "folio")
WORKLOADS = os.path.join(ROOT, "scripts", "bench-workloads")


def timed(command):
    start = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{result.stderr}")
    return elapsed, result.stdout


def compare(name, folio_command, reference_command, runs, unit="s"):
    folio_times, reference_times = [], []
    folio_out = reference_out = None
    for _ in range(runs):
        elapsed, folio_out = timed(folio_command)
        folio_times.append(elapsed)
        elapsed, reference_out = timed(reference_command)
        reference_times.append(elapsed)
    if folio_out.split() != reference_out.split():
        sys.exit(f"bench: {name}: outputs differ\n folio:     {folio_out!r}\n reference: {reference_out!r}")
    folio, reference = statistics.median(folio_times), statistics.median(reference_times)
    return f"RESULT {name} folio={folio:.3f} reference={reference:.3f} ratio={folio / reference:.2f} unit={unit}"


def interpreter(runs):
    """Pure-script workloads against CPython: same program, same printed answer."""
    folder = os.path.join(WORKLOADS, "interpreter")
    names = sorted(f[:-6] for f in os.listdir(folder) if f.endswith(".swift"))
    return [compare(name, [FOLIO, "run", os.path.join(folder, name + ".swift")],
                    [sys.executable, os.path.join(folder, name + ".py")], runs) for name in names]


def render(runs):
    """A 500-cell notebook of small cells; the reference is the 1-second budget the issue sets."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "many.md")
        with open(path, "w") as notebook:
            notebook.write("---\ntitle: 500 cells\n---\n")
            notebook.write("```swift\nvar total = 0\n```\n\n")
            for i in range(499):
                notebook.write(f"Cell {i}.\n\n```swift\ntotal += {i}\nlet v{i} = total * 2\nprint(\"v{i} = \\(v{i})\")\n```\n\n")
        times = [timed([FOLIO, "render", path, "-o", folder])[0] for _ in range(runs)]
        seconds = statistics.median(times)
        return [f"RESULT render-500-cells folio={seconds:.3f} reference=1.000 ratio={seconds:.2f} unit=s"]


def keyed(command):
    """Runs a workload that prints key=value lines and returns them as a dictionary."""
    _, out = timed(command)
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def data(runs):
    """Loading the full Fashion-MNIST from gz: Folio's Datasets against gzip + numpy.frombuffer.
    Each side reports its own load time and peak RSS; both must agree on a checksum."""
    folder = os.path.join(WORKLOADS, "data")
    binary = os.path.join(ROOT, ".build", "release", "DatasetsBench")
    folio_runs, reference_runs = [], []
    for _ in range(runs):
        folio_runs.append(keyed([binary]))
        reference_runs.append(keyed([sys.executable, os.path.join(folder, "load_fashion_mnist.py")]))
    if folio_runs[0]["checksum"] != reference_runs[0]["checksum"]:
        sys.exit(f"bench: data: checksums differ: {folio_runs[0]['checksum']} vs {reference_runs[0]['checksum']}")

    def median(rows, key):
        return statistics.median(float(row[key]) for row in rows)

    lines = []
    for name, folio_key, reference_key, unit in [("fashion-mnist-load", "folio_seconds", "reference_seconds", "s"),
                                                 ("fashion-mnist-peak-rss", "folio_peak_rss_mb", "reference_peak_rss_mb", "MB")]:
        folio, reference = median(folio_runs, folio_key), median(reference_runs, reference_key)
        lines.append(f"RESULT {name} folio={folio:.3f} reference={reference:.3f} ratio={folio / reference:.2f} unit={unit}")
    return lines


SUITES = {"interpreter": interpreter, "render": render, "data": data}

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suite", choices=sorted(SUITES))
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    for line in SUITES[arguments.suite](arguments.runs):
        print(line, flush=True)
