# Append 100,000 short interpolated strings to one str (same as string_build.swift).
# Wrapped in main() so CPython uses fast locals and in-place str concat (its best case).
def main():
    s = ""
    for i in range(100_000):
        s += f"item {i}, "
    print(len(s))

main()
