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
# The build folder scripts/bench built into (FOLIO_BENCH_SCRATCH, default .build).
BUILD = os.path.join(ROOT, os.environ.get("FOLIO_BENCH_SCRATCH", ".build"), "release")
FOLIO = os.path.join(BUILD, "folio")
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
                notebook.write(f"Cell {i}.\n\n```swift\ntotal += {i}\nlet v{i} = total * 2\n"
                               f"print(\"v{i} = \\(v{i})\")\n```\n\n")
        times = [timed([FOLIO, "render", path, "-o", folder])[0] for _ in range(runs)]
        seconds = statistics.median(times)
        return [f"RESULT render-500-cells folio={seconds:.3f} reference=1.000 ratio={seconds:.2f} unit=s"]


def cache(runs):
    """Re-rendering notebooks/fashion-cnn-vs-mlp.md through the per-cell cache after a prose edit, a
    training-cell edit and a parameter change, against its first (uncached) render in the same run.
    Each re-render's report must equal the first's apart from run facts, cell times and the edit."""
    import re
    source_path = os.path.join(ROOT, "notebooks", "fashion-cnn-vs-mlp.md")
    with open(source_path) as f:
        source = f.read()
    with tempfile.TemporaryDirectory() as folder:
        path, out = os.path.join(folder, "fashion-cnn-vs-mlp.md"), os.path.join(folder, "out")
        report = os.path.join(out, "fashion-cnn-vs-mlp.html")
        flags = ["-o", out, "--cache", "--cache-dir", os.path.join(folder, "cache")]

        def render(text, extra=()):
            with open(path, "w") as f:
                f.write(text)
            seconds, _ = timed([FOLIO, "render", path, *flags, *extra])
            with open(report) as f:
                html = f.read()
            return seconds, html

        def comparable(html):
            html = re.sub(r'<footer class="run-facts">.*</footer>', "", html, flags=re.S)
            return re.sub(r'<span class="time">[^<]*</span>', "", html)

        def cached_cells(html):
            return len(re.findall(r'<span class="time">cached', html))

        with open(path, "w") as f:
            f.write(source)
        uncached, _ = timed([FOLIO, "render", path, "-o", out])
        first, first_html = render(source)
        cells = source.count("```swift")
        prose = []
        for i in range(runs):
            marker = f" (edit {i})"
            edited = source.replace("sees the image as 784 unrelated numbers", "sees the image as 784 numbers" + marker)
            seconds, html = render(edited)
            if cached_cells(html) != cells:
                sys.exit(f"bench: cache: a prose edit reran cells ({cached_cells(html)} of {cells} cached)")
            if comparable(html.replace("784 numbers" + marker, "784 unrelated numbers")) != comparable(first_html):
                sys.exit("bench: cache: the report after a prose edit differs from the first render")
            prose.append(seconds)
        lines = [f"RESULT cache-first-render folio={first:.3f} reference={uncached:.3f} "
                 f"ratio={first / uncached:.3f} unit=s"]
        lines += [f"RESULT cache-prose-edit folio={statistics.median(prose):.3f} reference={first:.3f} "
                 f"ratio={statistics.median(prose) / first:.3f} unit=s"]
        training = source.replace("let cnnHistory = cnn.fit(", "// edited\nlet cnnHistory = cnn.fit(")
        seconds, html = render(training)
        before = source[:source.index("let cnnHistory")].count("```swift") - 1
        lines.append(f"RESULT cache-training-edit folio={seconds:.3f} reference={first:.3f} "
                     f"ratio={seconds / first:.3f} unit=s cached={cached_cells(html)}/{cells} "
                     f"expected={before}/{cells}")
        if cached_cells(html) != before:
            sys.exit(f"bench: cache: editing the CNN's training cell left {cached_cells(html)} cells cached, "
                     f"not {before}")
        seconds, html = render(source, ["-p", "epochs=1"])
        lines.append(f"RESULT cache-param-change folio={seconds:.3f} reference={first:.3f} "
                     f"ratio={seconds / first:.3f} unit=s cached={cached_cells(html)}/{cells}")
        return lines


def keyed(command):
    """Runs a workload that prints key=value lines and returns them as a dictionary."""
    _, out = timed(command)
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def data(runs):
    """Loading the full Fashion-MNIST from gz: Folio's Datasets against gzip + numpy.frombuffer.
    Each side reports its own load time and peak RSS; both must agree on a checksum."""
    folder = os.path.join(WORKLOADS, "data")
    binary = os.path.join(BUILD, "DatasetsBench")
    folio_runs, reference_runs = [], []
    for _ in range(runs):
        folio_runs.append(keyed([binary]))
        reference_runs.append(keyed([sys.executable, os.path.join(folder, "load_fashion_mnist.py")]))
    if folio_runs[0]["checksum"] != reference_runs[0]["checksum"]:
        sys.exit(f"bench: data: checksums differ: {folio_runs[0]['checksum']} vs {reference_runs[0]['checksum']}")

    def median(rows, key):
        return statistics.median(float(row[key]) for row in rows)

    lines = []
    for name, folio_key, reference_key, unit in [
            ("fashion-mnist-load", "folio_seconds", "reference_seconds", "s"),
            ("fashion-mnist-peak-rss", "folio_peak_rss_mb", "reference_peak_rss_mb", "MB")]:
        folio, reference = median(folio_runs, folio_key), median(reference_runs, reference_key)
        lines.append(f"RESULT {name} folio={folio:.3f} reference={reference:.3f} "
                     f"ratio={folio / reference:.2f} unit={unit}")
    return lines


# Engine suite: PyTorch lives in a venv outside the repo, made on first use and reused after.
# Route that works from PyPI (torch 2.15): the full `pip install torch`, which also brings the
# nvidia-*/cuda-* wheels (~5 GB). The CPU-only attempt (`pip install torch --no-deps` plus its
# pure-Python deps) fails at `import torch`: libtorch_global_deps.so needs libcudart.so.13 and
# libcublasLt, which only those wheels ship. PyPI serves no CPU-only torch wheel for Linux x86-64.
VENV = os.path.join(os.path.expanduser("~"), ".cache", "folio-bench", "venv")
VENV_PYTHON = os.path.join(VENV, "bin", "python")

# Training FLOPs per sample of the CNN: per conv/dense layer 2·MACs forward, and the
# same again for the weight gradient and for the input gradient (none for the first layer,
# whose input is data). (positions Ho·Wo, patch Kh·Kw·C, outputs F, needs input gradient)
CNN_LAYERS = [(26 * 26, 9 * 1, 32, False), (11 * 11, 9 * 32, 64, True), (3 * 3, 9 * 64, 64, True),
              (1, 576, 64, True), (1, 64, 10, True)]
CNN_TRAIN_FLOPS_PER_SAMPLE = sum(2 * p * k * f * (3 if dx else 2) for p, k, f, dx in CNN_LAYERS)


def torch_python():
    """The venv's python with torch importable, installing it on first use."""
    check = [VENV_PYTHON, "-c", "import torch, numpy"]
    if os.path.exists(VENV_PYTHON) and subprocess.run(check, capture_output=True).returncode == 0:
        return VENV_PYTHON
    print(f"bench: installing PyTorch into {VENV} (once; ~5 GB from PyPI)", file=sys.stderr, flush=True)
    for step in ([sys.executable, "-m", "venv", VENV],
                 [VENV_PYTHON, "-m", "pip", "install", "-q", "torch", "numpy"], check):
        if subprocess.run(step).returncode != 0:
            sys.exit(f"bench: `{' '.join(step)}` failed; the engine suite needs PyPI and ~6 GB free under {VENV}")
    return VENV_PYTHON


def result_line(name, folio, reference, unit, digits=3):
    return (f"RESULT {name} folio={folio:.{digits}f} reference={reference:.{digits}f} "
            f"ratio={folio / reference:.2f} unit={unit}")


def train_models(models, runs, each_run=None, inference=()):
    """Trains each model in Folio's EngineBench and in PyTorch (engine/reference.py), each limited
    to 2 threads, run alternately as separate processes, on the full Fashion-MNIST (Adam 1e-3).
    Each run trains ENGINE_EPOCHS epochs (2 unless --epochs) and then evaluates on the test set:
    epoch 1 carries the warm-up (first-touch allocation, workspace sizing, lazy initialisation),
    so the steady-state time is the mean of epochs 2..N; the accuracy is after N epochs. Every
    figure is the median over runs. `each_run` is called at the start of every run. The models in
    `inference` then also time INFERENCE_PASSES evaluations of the test set (row key "infer_rate",
    images/s of the median pass; PyTorch's faster policy counts). Returns the RESULT lines
    (<model>-epoch, -accuracy, -peak-rss) and the rows, {model: (folio, reference)}."""
    folder = os.path.join(WORKLOADS, "engine")
    binary, python = os.path.join(BUILD, "EngineBench"), torch_python()
    # PyTorch runs twice per run, with its OpenMP threads sleeping (PASSIVE) or spinning (ACTIVE)
    # between parallel regions, and the faster of the two counts: neither is best everywhere. On
    # this shared 2-core machine spinning made a loaded CNN step wait for a descheduled thread
    # (190–720 ms against 24–36 ms passive), while the recurrent models' many small regions pay
    # for every wake-up when sleeping (RNN epoch 7.3 s passive against 1.6 s active).
    base = dict(os.environ, OMP_NUM_THREADS="2", MKL_NUM_THREADS="2")
    policies = {policy: dict(base, OMP_WAIT_POLICY=policy) for policy in ("PASSIVE", "ACTIVE")}
    epochs = str(ENGINE_EPOCHS)

    def train(command, environment=base, label=""):
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        if result.returncode != 0:
            sys.exit(f"bench: {' '.join(command)} failed:\n{result.stderr}")
        row = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
        seconds = [float(s) for s in row["epoch_seconds"].split(",")]
        row["epoch"] = statistics.mean(seconds[1:] or seconds)
        if "infer_seconds" in row:
            passes = [float(s) for s in row["infer_seconds"].split(",")]
            row["infer_rate"] = float(row["infer_images"]) / statistics.median(passes)
        side, arguments = ("pytorch" + label, command[2:]) if command[0] == python else ("folio", command[1:])
        inferred = f", inference {row['infer_rate']:.0f} images/s" if "infer_rate" in row else ""
        print(f"bench: {side} {' '.join(arguments)}: "
              f"epochs {', '.join(f'{s:.2f}' for s in seconds)} s, accuracy {float(row['test_accuracy']):.2f} %"
              f"{inferred}, peak {float(row['peak_rss_mb']):.0f} MB, CPU {float(row['cpu_seconds']):.1f} s "
              "(all threads, whole run)",
              file=sys.stderr, flush=True)
        return row

    if MODELS:
        models = [model for model in models if model in MODELS]
    results = {model: ([], []) for model in models}
    for _ in range(runs):
        if each_run:
            each_run()
        for model, (folio_rows, reference_rows) in results.items():
            passes = [str(INFERENCE_PASSES)] if model in inference else []
            folio_rows.append(train([binary, model, epochs, *passes]))
            tries = [train([python, os.path.join(folder, "reference.py"), model, epochs, *passes], environment,
                           f" ({policy.lower()})")
                     for policy, environment in policies.items()]
            best = min(tries, key=lambda row: row["epoch"])
            if passes:  # the policy that trains faster need not infer faster
                best["infer_rate"] = max(row["infer_rate"] for row in tries)
            reference_rows.append(best)

    lines = []
    for model, (folio_rows, reference_rows) in results.items():
        lines.append(result_line(f"{model}-epoch", median(folio_rows, "epoch"), median(reference_rows, "epoch"), "s"))
        lines.append(result_line(f"{model}-accuracy", median(folio_rows, "test_accuracy"),
                                 median(reference_rows, "test_accuracy"), "%", 2))
        lines.append(result_line(f"{model}-peak-rss", median(folio_rows, "peak_rss_mb"),
                                 median(reference_rows, "peak_rss_mb"), "MB", 1))
    return lines, results


def median(rows, key):
    return statistics.median(float(row[key]) for row in rows)


def engine(runs):
    """The CNN and MLP of issue 4 (batch 64), see train_models. GFLOP/s: the CNN's training FLOPs
    per epoch over Folio's epoch time, against the SGEMM rate (1024³, best of 25, same core split)
    measured in the same run. The FLOPs are the direct convolution's (CNN_LAYERS) also where Folio
    runs a layer by Winograd's minimal filtering, which does fewer: the rate is then an effective
    one, as cuDNN's and oneDNN's benchmarks count it. cnn-infer: the trained CNN's inference rate through
    `evaluate` (images/s, so a ratio above 1 means Folio is faster). Then the notebook workloads,
    first-output and render-fashion (see those functions). --models picks among cnn, mlp,
    first-output and render-fashion."""
    lines = []
    if not MODELS or MODELS & {"cnn", "mlp"}:
        sgemm = []

        def measure_sgemm():
            rates = keyed([os.path.join(BUILD, "EngineBench"), "sgemm"])
            sgemm.append(float(rates["sgemm_gflops"]))
            print(f"bench: sgemm 1024³ on 2 threads: best of 25 {float(rates['sgemm_gflops']):.1f} GFLOP/s, "
                  f"sustained over 3 s {float(rates['sgemm_sustained_gflops']):.1f}", file=sys.stderr, flush=True)
        lines, results = train_models(["cnn", "mlp"], runs, measure_sgemm, inference=["cnn"])
        if "cnn" in results:
            folio_rows, reference_rows = results["cnn"]
            achieved = CNN_TRAIN_FLOPS_PER_SAMPLE * 60000 / 1e9 / median(folio_rows, "epoch")
            lines.append(result_line("cnn-gflops", achieved, statistics.median(sgemm), "GFLOP/s", 1))
            lines.append(result_line("cnn-infer", median(folio_rows, "infer_rate"),
                                     median(reference_rows, "infer_rate"), "images/s", 0) + " better=higher")
    if not MODELS or "first-output" in MODELS:
        lines += first_output(runs)
    if not MODELS or "render-fashion" in MODELS:
        lines += render_fashion(runs if RUNS_GIVEN else min(runs, 2))
    return lines


def measured(command, environment=None):
    """Wall seconds, peak RSS in MB (of the process and its waited-for children, from wait4) and
    stdout of one run of `command`. Output goes through files: a pipe could fill and stall it."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=environment)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0), err.seek(0)
        if child.returncode != 0:
            sys.exit(f"bench: {' '.join(command)} failed ({child.returncode}):\n{err.read()[-3000:]}")
        return seconds, usage.ru_maxrss / 1024, out.read()  # Linux: KiB


def interleaved(folio, reference, runs, prepare=lambda: None):
    """Runs the two sides alternately (`prepare()` before each run; it may return extra arguments for
    Folio, e.g. a fresh output folder), `runs` times; returns each side's (seconds, MB, stdout) list."""
    # The reference scripts import each other: no __pycache__ folders in the repository.
    environment = dict(os.environ, OMP_NUM_THREADS="2", MKL_NUM_THREADS="2", OMP_WAIT_POLICY="PASSIVE",
                       PYTHONDONTWRITEBYTECODE="1")
    folio_runs, reference_runs = [], []
    for _ in range(runs):
        folio_runs.append(measured(folio + (prepare() or [])))
        reference_runs.append(measured(reference, environment))
    return folio_runs, reference_runs


def medians(rows, column):
    return statistics.median(row[column] for row in rows)


def notebook_cell(source, start):
    """The code of the Swift cell of a notebook that begins with `start`."""
    import re
    cells = re.findall(r"```swift\n(.*?)```", source, flags=re.S)
    return next(cell for cell in cells if cell.startswith(start))


def first_output(runs):
    """Time to a notebook's first output, whole processes: `folio run` of one cell that loads
    Fashion-MNIST and builds and summarises the CNN of notebooks/fashion-cnn-vs-mlp.md, against
    engine/first_output.py (import torch, load, build, print a summary). Both must report the
    same parameter count."""
    with open(os.path.join(ROOT, "notebooks", "fashion-cnn-vs-mlp.md")) as f:
        source = f.read()
    with tempfile.TemporaryDirectory() as folder:
        cell = os.path.join(folder, "first.swift")
        with open(cell, "w") as f:
            f.write("let data = fashionMNIST()\n" + notebook_cell(source, "let cnn = Sequential"))
        folio_runs, reference_runs = interleaved(
            [FOLIO, "run", cell], [torch_python(), os.path.join(WORKLOADS, "engine", "first_output.py")], runs)
    parameters = "Total params: 93,322"
    if parameters not in folio_runs[0][2] or parameters not in reference_runs[0][2]:
        sys.exit(f"bench: first-output: expected '{parameters}' from both\n folio: {folio_runs[0][2]}\n"
                 f" reference: {reference_runs[0][2]}")
    return [result_line("first-output", medians(folio_runs, 0), medians(reference_runs, 0), "s")]


def render_fashion(runs):
    """`folio render notebooks/fashion-cnn-vs-mlp.md` at its defaults into a fresh temporary folder
    with an empty cache folder (nothing reused), against engine/fashion_notebook.py, the notebook's
    computation in PyTorch (same models, data, split, epochs, batch size; OMP_WAIT_POLICY=PASSIVE,
    as ACTIVE took 2.7× as long there). Wall time and peak RSS of each whole process, medians."""
    notebook = os.path.join(ROOT, "notebooks", "fashion-cnn-vs-mlp.md")
    with tempfile.TemporaryDirectory() as folder:
        def fresh():
            run = tempfile.mkdtemp(dir=folder)
            return ["-o", os.path.join(run, "out"), "--cache-dir", os.path.join(run, "cache")]
        folio_runs, reference_runs = interleaved(
            [FOLIO, "render", notebook], [torch_python(), os.path.join(WORKLOADS, "engine", "fashion_notebook.py")],
            runs, fresh)
    for seconds, megabytes, out in reference_runs:
        print(f"bench: pytorch fashion notebook: {seconds:.1f} s, peak {megabytes:.0f} MB, {out.strip()}",
              file=sys.stderr, flush=True)
    for seconds, megabytes, _ in folio_runs:
        print(f"bench: folio render fashion-cnn-vs-mlp: {seconds:.1f} s, peak {megabytes:.0f} MB",
              file=sys.stderr, flush=True)
    return [result_line("render-fashion", medians(folio_runs, 0), medians(reference_runs, 0), "s"),
            result_line("render-fashion-memory", medians(folio_runs, 1), medians(reference_runs, 1), "MB", 1)]


def sequence(runs):
    """The LSTM, RNN and Transformer of issue 5 (batch 128), and a GRU the size of the LSTM, each
    image read as 28 steps of 28 features; see train_models, and SequenceModels.swift and
    reference.py for the models."""
    return train_models(["lstm", "gru", "rnn", "transformer"], runs)[0]


def kernels(runs):
    """Folio's SGEMM (its AVX-512 or AVX2 kernels, whichever the CPU runs; FOLIO_BENCH_GEMM=256 picks
    the AVX2 ones on an AVX-512 CPU) against OpenBLAS as this environment configures it, one thread, on
    the engine's hot shapes: scripts/bench-workloads/gemm/bench.c (medians of 11 samples per
    shape inside the program), built with the toolchain's clang; the median over runs here.
    GFLOP/s, so a ratio above 1 means Folio is faster."""
    source = os.path.join(ROOT, "Sources", "CKernels")
    binary = os.path.join(BUILD, "gemm_bench")
    os.makedirs(BUILD, exist_ok=True)
    # The SGEMM's files, host_facts.c for the cache sizes its blocks follow, and row_broadcast.c for the
    # bias and column-sum kernels its epilogue uses on matrix-vector shapes.
    kernel_files = sorted(os.path.join(source, f) for f in os.listdir(source)
                          if (f.startswith("folio_gemm") and f.endswith(".c"))
                          or f in ("host_facts.c", "row_broadcast.c"))
    openblas = subprocess.run(["pkg-config", "--cflags", "--libs", "openblas"],
                              capture_output=True, text=True).stdout.split()
    build = ["clang", "-O3", "-I" + os.path.join(source, "include"), *kernel_files,
             os.path.join(WORKLOADS, "gemm", "bench.c"), *openblas, "-o", binary]
    if subprocess.run(build).returncode != 0:
        sys.exit(f"bench: `{' '.join(build)}` failed")
    rows = {}
    for _ in range(runs):
        result = subprocess.run([binary], capture_output=True, text=True)
        if result.returncode == 2:
            sys.exit("bench: kernels: " + (result.stderr.strip() or "this CPU has neither AVX-512F nor AVX2 with FMA, "
                     "so Folio uses OpenBLAS and there is nothing to compare"))
        for line in result.stdout.splitlines()[2:]:  # after the configuration and header lines
            *name, folio, reference, _ = line.split()
            rows.setdefault(" ".join(name), []).append((float(folio), float(reference)))
    lines = []
    for name, samples in rows.items():
        slug = "gemm-" + "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-").replace("--", "-")
        folio, reference = statistics.median(f for f, _ in samples), statistics.median(r for _, r in samples)
        lines.append(result_line(slug, folio, reference, "GFLOP/s", 1))
    return lines


ENGINE_EPOCHS = 2
MODELS = None
RUNS_GIVEN = False  # render-fashion runs min(runs, 2) times unless --runs says otherwise
INFERENCE_PASSES = 5  # timed evaluations of the test set per cnn-infer run
SUITES = {"interpreter": interpreter, "render": render, "data": data, "engine": engine, "sequence": sequence,
          "kernels": kernels, "cache": cache}

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("suite", choices=sorted(SUITES))
    parser.add_argument("--runs", type=int,
                        help="runs per workload (default 5; engine, sequence, kernels: 3; engine's render-fashion: 2)")
    parser.add_argument("--epochs", type=int, default=2, help="engine, sequence: epochs per run (at least 2)")
    parser.add_argument("--models", help="engine, sequence: only these models, comma-separated (e.g. rnn,transformer; "
                                         "engine: cnn, mlp, first-output, render-fashion)")
    arguments = parser.parse_args()
    ENGINE_EPOCHS = max(2, arguments.epochs)
    MODELS = set(arguments.models.split(",")) if arguments.models else None
    RUNS_GIVEN = arguments.runs is not None
    arguments.runs = arguments.runs or (3 if arguments.suite in ("engine", "sequence", "kernels") else 5)
    for line in SUITES[arguments.suite](arguments.runs):
        print(line, flush=True)
