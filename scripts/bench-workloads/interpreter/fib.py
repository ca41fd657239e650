# Naive recursive Fibonacci: about 250,000 calls (same workload as fib.swift).
# Wrapped in main() so CPython uses fast locals (its best case).
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def main():
    print(fib(25))

main()
