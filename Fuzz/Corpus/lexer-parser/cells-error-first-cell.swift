let xs = [1, 2, 3]
print("before")
let y = xs[5]
print("after")

print("never runs")

