let digits = mnist5k()
let (train, test) = digits.split(0.8, stratified: true)
let gallery = test.shuffled()
let cnn = Sequential {
    Conv2D(16, kernel: 3, activation: .relu)
    MaxPool2D(2)
    Conv2D(32, kernel: 3, activation: .relu)
    MaxPool2D(2)
    Flatten()
    Dense(64, activation: .relu)
    Dense(10)
}
let cnnHistory = cnn.fit(train, validation: test, epochs: 4, batchSize: 32, optimizer: Adam(lr: 0.002))
let cnnResult = cnn.evaluate(test)
cnnHistory.plot()

let mlp = Sequential {
    Flatten()
    Dense(128, activation: .relu)
    Dense(10)
}
let mlpHistory = mlp.fit(train, validation: test, epochs: 4, batchSize: 32, optimizer: Adam(lr: 0.002))
compare([("CNN", cnn, cnnResult, cnnHistory), ("MLP", mlp, mlp.evaluate(test), mlpHistory)])

cnn.saliency(gallery, indices: Array(0..<10))

cnn.occlusion(gallery, indices: Array(0..<10), patch: 6, stride: 2)

cnn.misclassified(test, top: 12)

cnn.pca(test, layer: 5, count: 1000, title: "Dense(64) activations, PCA")

let spirals = Datasets.spirals(count: 150, turns: 1.5, noise: 0.03)
spirals.plot(title: "Two spirals")

let net = Sequential {
    Dense(32, activation: .relu)
    Dense(32, activation: .relu)
    Dense(2)
}
let history = net.fit(spirals, epochs: 300, batchSize: 32, optimizer: Adam(lr: 0.01))
net.evaluate(spirals)

net.decisionRegions(spirals)

net.hiddenUnits(spirals, layer: 0, title: "First hidden layer: half-plane ramps")

net.hiddenUnits(spirals, layer: 1, title: "Second hidden layer: pieces of the spirals")

