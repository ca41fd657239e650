# Sum 1..10_000_000 in a plain loop (same workload as loop_sum.swift).
# Wrapped in main() so CPython uses fast locals and in-place str concat (its best case).
def main():
    s = 0
    for i in range(1, 10_000_001):
        s += i
    print(s)

main()
