print("one")

let zero = 0
print(10 / zero)

print("three still runs")

