let data = fashionMNIST()
let (train, validation) = data.train.split(0.9, stratified: true)
data

train.labelCounts()

//| label: checks
data.check()

train.samples(perClass: 8)

let mlp = Sequential {
    Flatten()
    Dense(150, activation: .tanh)
    Dense(10)
}
mlp.summary(input: [28, 28, 1])

let cnn = Sequential {
    Conv2D(32, kernel: 3, activation: .relu)
    MaxPool2D(2)
    Conv2D(64, kernel: 3, activation: .relu)
    MaxPool2D(2)
    Conv2D(64, kernel: 3, activation: .relu)
    Flatten()
    Dense(64, activation: .relu)
    Dense(10)
}
cnn.summary(input: [28, 28, 1])

//| label: train-mlp
let mlpHistory = mlp.fit(train, validation: validation, epochs: params.epochs,
                         batchSize: params.batchSize, optimizer: Adam(lr: 1e-3))
mlpHistory

//| label: train-cnn
let cnnHistory = cnn.fit(train, validation: validation, epochs: params.epochs,
                         batchSize: params.batchSize, optimizer: Adam(lr: 1e-3))
cnnHistory

let mlpResult = mlp.evaluate(data.test!)
let cnnResult = cnn.evaluate(data.test!)
table([["MLP", mlpResult.accuracy, mlpResult.loss, mlp.parameterCount],
       ["CNN", cnnResult.accuracy, cnnResult.loss, cnn.parameterCount]],
      header: ["model", "test accuracy", "test loss", "parameters"])

cnnResult.confusionMatrix(title: "CNN confusion matrix")

cnnResult.classificationReport()

let gain = (cnnResult.accuracy - mlpResult.accuracy) * 100
markdown("After \(params.epochs) epochs the CNN is **\(String(format: "%.1f", gain)) points** more accurate than the MLP on the 10,000 test images.")

