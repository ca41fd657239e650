let model = "cnn"

print(model)

let epochs = 3
print(epochs)
print(modl)

print("not run")

