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


SUITES = {"interpreter": interpreter, "render": render}

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suite", choices=sorted(SUITES))
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    for line in SUITES[arguments.suite](arguments.runs):
        print(line, flush=True)
