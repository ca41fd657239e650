# Build a list of 1,000,000 floats with append, then sum it in a loop (same as array_sum.swift).
# Wrapped in main() so CPython uses fast locals and in-place str concat (its best case).
def main():
    xs = []
    for i in range(1_000_000):
        xs.append(float(i) * 0.5)
    total = 0.0
    for x in xs:
        total += x
    print(total)

main()
