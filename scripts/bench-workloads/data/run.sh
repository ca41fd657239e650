#!/usr/bin/env bash
# Data-loading benchmark: the full Fashion-MNIST (train + test, from the gz IDX files) loaded by
# Folio's Datasets module and by Python (gzip + numpy.frombuffer), in the same run.
#
# Usage: run.sh FOLIO_BENCH_BINARY [FASHION_MNIST_DIR]
#   FOLIO_BENCH_BINARY: the release build of main.swift in this folder (an executable target that
#   depends on Datasets; in the dev package it is `datasets-bench`).
# Each side runs RUNS times (default 5) in a fresh process; the best time counts. Peak RSS is
# the process's VmHWM (Swift) / ru_maxrss (Python) from the best run's process.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:?usage: run.sh FOLIO_BENCH_BINARY [FASHION_MNIST_DIR]}"
dir="${2:-/usr/share/datasets/fashion-mnist}"
runs="${RUNS:-5}"

best() {  # best() KEY command...: smallest KEY value over $runs runs, plus that run's output
    local key="$1"; shift
    local best_time="" best_out=""
    for _ in $(seq "$runs"); do
        local out; out="$("$@")"
        local t; t="$(printf '%s\n' "$out" | sed -n "s/^$key=//p")"
        if [ -z "$best_time" ] || awk "BEGIN{exit !($t < $best_time)}"; then best_time="$t"; best_out="$out"; fi
    done
    printf '%s\n' "$best_out"
}

folio="$(best folio_seconds "$binary" "$dir")"
python="$(best reference_seconds python3 "$here/load_fashion_mnist.py" "$dir")"
get() { printf '%s\n' "$1" | sed -n "s/^$2=//p"; }

if [ "$(get "$folio" checksum)" != "$(get "$python" checksum)" ]; then
    echo "bench data: checksums differ: folio $(get "$folio" checksum), python $(get "$python" checksum)" >&2
    exit 1
fi
ft="$(get "$folio" folio_seconds)"; pt="$(get "$python" reference_seconds)"
fr="$(get "$folio" folio_peak_rss_mb)"; pr="$(get "$python" reference_peak_rss_mb)"
awk -v ft="$ft" -v pt="$pt" -v fr="$fr" -v pr="$pr" 'BEGIN {
    printf "RESULT fashion-mnist-load folio=%.4f reference=%.4f ratio=%.3f unit=s\n", ft, pt, ft / pt
    printf "RESULT fashion-mnist-peak-rss folio=%.1f reference=%.1f ratio=%.3f unit=MB\n", fr, pr, fr / pr
}'
