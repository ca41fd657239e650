# Builtin method and property dispatch on strings and lists, 200,000 times each (same as method_calls.swift).
# Wrapped in main() so CPython uses fast locals.
def main():
    words = ["alpha", "beta", "gamma", "delta"]
    xs = [3, 1, 2]
    hits = 0
    total = 0
    for i in range(200_000):
        w = words[i % 4]
        if w.startswith("a"):
            hits += 1
        total += len(w.upper()) + len(xs)
        if 2 in xs:
            hits += 1
        total += len(xs[:2])
        if xs:
            total += 1
    print(hits, total)

main()
