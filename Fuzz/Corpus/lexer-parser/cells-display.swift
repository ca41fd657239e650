table([["cnn", 0.991, 93322], ["mlp", 0.884, 119260]], header: ["model", "accuracy", "params"])

markdown("**Bold** claim: \(2 + 2) is four.")
display([1, 2, 3])
print("after display")

["b": 2, "a": 1]

