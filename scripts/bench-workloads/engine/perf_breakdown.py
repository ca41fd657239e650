"""Where an EngineBench epoch spends its time, from `perf record -g` samples (see README.md here).

Usage: python3 scripts/bench-workloads/engine/perf_breakdown.py PERF.DATA
  (record first: perf record -F 2000 -g -o PERF.DATA .build/release/EngineBench mlp 2)

Only samples between the first and the last Adam step count: that window is the training loop,
without loading and gunzipping Fashion-MNIST before it or evaluating the test set after it.
Prints two tables:
  1. all threads, self time grouped by kind (GEMM, optimizer, layer norm, ...), top symbols each;
  2. the main thread only, by phase (forward, backward, optimizer, batch fill) and innermost Learn op.
     Dispatch workers' call chains stop at the parallel loop, so only the main thread's chains name
     the op; it runs one half of every split loop, so its shares stand for the whole.
"""
import collections
import re
import subprocess
import sys

# First matching pattern wins; matched against the sampled (leaf) symbol.
KINDS = [
    ("GEMM (Folio's SGEMM, AVX-512 or AVX2: micro-kernels, packing)",
     r"kernel_\d+x\d+|(strided|rows|packing|walk_rows|walk_columns)_\d+$|folio_gemm|folio_sgemm|folio_gemv"
     r"|multiply_rows|sgemm"),
    ("optimizer (Adam)", r"adamStep|folio_adam_step|rmsProp|sgdStep"),
    ("activations forward/backward", r"tanh|Tanh|relu|Relu|sigmoid|scaleByDerivative|Activation"),
    ("softmax / cross-entropy", r"softmax|Softmax|CrossEntropy|crossEntropy|expf"),
    ("layer norm", r"layerNorm|LayerNorm|layer_norm"),
    ("bias add / bias gradient (column sums)", r"addRowVector|ColumnSums|columnSums|row_vector|column_sums"),
    ("attention: split/merge heads, softmax backward", r"splitHeads|mergeHeads|attention"),
    ("batch fill (bytes -> scaled floats)", r"fillBatch|gather_bytes"),
    ("memcpy / memset", r"memmove|memset|memcpy"),
    ("Swift runtime (allocation, reference counting)", r"swift_|malloc|free|_int_|Contiguous"),
    ("thread hand-off (worker pool polling and waiting, futex, scheduler)",
     r"WorkerPool|dispatch|futex|pthread|sched|finish_task_switch|_raw_spin|try_to_wake|syscall|sem_"),
]
LEARN = re.compile(r"\$s5Learn(\d+)(\w+)")


def samples(data):
    """(thread id, time, [frames, leaf first]) per sample."""
    text = subprocess.run(["perf", "script", "-i", data, "-F", "tid,time,ip,sym"],
                          capture_output=True, text=True).stdout
    for block in text.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        head = re.match(r"\s*(\d+)\s+([\d.]+):", lines[0]) if lines else None
        if head:
            frames = [(line.split(None, 1) + [""])[1] for line in lines[1:]]
            yield int(head[1]), float(head[2]), frames


def kind(leaf):
    return next((name for name, pattern in KINDS if re.search(pattern, leaf)), "other")


def learn_op(frames):
    """The innermost Learn type and member on the chain, e.g. Ops.dense or Adam.step."""
    for frame in frames:
        found = LEARN.search(frame)
        if found:
            length, rest = int(found[1]), found[2]
            member = re.match(r"C?O?(\d+)(\w+)", rest[length:])
            return rest[:length] + "." + (member[2][:int(member[1])] if member else "?")
    return "?"


def phase(frames):
    chain = "\n".join(frames)
    for marker, name in [("TapeC8backward", "backward"), ("AdamC4step", "optimizer"), ("fillBatch", "batch fill"),
                         ("SequentialC4step", "forward")]:
        if marker in chain:
            return name
    return "fit loop"


def main(data):
    rows = list(samples(data))
    adam = [t for _, t, frames in rows if frames and re.search(r"adamStep|folio_adam_step", frames[0])]
    if not adam:
        sys.exit("perf_breakdown: no samples in the Adam step; is this an EngineBench training run?")
    start, end = min(adam), max(adam)
    main_thread = rows[0][0]
    window = [(tid, frames) for tid, t, frames in rows if start <= t <= end and frames]
    kinds, symbols = collections.Counter(), collections.defaultdict(collections.Counter)
    for _, frames in window:
        kinds[kind(frames[0])] += 1
        symbols[kind(frames[0])][frames[0][:80]] += 1
    print(f"training window {end - start:.2f} s, {len(window)} samples (all threads)")
    for name, count in kinds.most_common():
        print(f"{100 * count / len(window):6.1f}%  {name}")
        for symbol, n in symbols[name].most_common(3):
            if n * 200 >= len(window):  # at least 0.5 %
                print(f"         {100 * n / len(window):5.1f}%  {symbol}")
    ops = collections.Counter()
    main_samples = [frames for tid, frames in window if tid == main_thread]
    for frames in main_samples:
        gemm = "GEMM" if kind(frames[0]).startswith("GEMM") else "rest"
        ops[(phase(frames), gemm, learn_op(frames))] += 1
    print(f"\nmain thread, {len(main_samples)} samples: phase, GEMM or the rest, innermost Learn op")
    for (step, gemm, op), count in ops.most_common(20):
        if count * 200 >= len(main_samples):
            print(f"{100 * count / len(main_samples):6.1f}%  {step:10} {gemm:4}  {op}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "perf.data")
