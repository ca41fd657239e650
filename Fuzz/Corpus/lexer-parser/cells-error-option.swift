//| error: true
let limit = Int.max
print(limit + 1)

//| label: after
print("the run goes on")

