let digits = mnist5k()
let (train, test) = digits.split(0.8, stratified: true)
train.filter(classes: [0, 1, 2, 3, 4, 5, 6]).balanced(.undersample).take(1800).labelCounts(title: "Label distribution (subset)")

train.samples(perClass: 6, title: "Sample images per class")

pca(train, count: 800, title: "Pixels projected on two principal components")

let cnn = Sequential {
    Conv2D(16, kernel: 3, activation: .relu)
    MaxPool2D(2)
    Flatten()
    Dense(32, activation: .relu)
    Dense(10)
}
let cnnHistory = cnn.fit(train, validation: test, epochs: 4, batchSize: 32)
cnnHistory.plot(title: "Training curves: loss and accuracy")

var runs: [Any] = []
for _ in 0..<3 {
    let mlp = Sequential { Flatten(); Dense(32, activation: .relu); Dense(10) }
    runs.append(mlp.fit(train.take(1500), validation: test, epochs: 4, batchSize: 32))
}
plotRuns(["MLP": runs], metric: .valAccuracy, title: "Three runs of one model: mean ± one standard deviation")

let result = cnn.evaluate(test)
result.confusionMatrix(title: "Confusion matrix (counts)")

result.confusionMatrix(normalized: true, title: "Confusion matrix (row-normalised)")

let mlp = Sequential { Flatten(); Dense(32, activation: .relu); Dense(10) }
let mlpHistory = mlp.fit(train, validation: test, epochs: 4, batchSize: 32)
compare([("CNN", cnn, result, cnnHistory), ("MLP", mlp, mlp.evaluate(test), mlpHistory)])

let report = mlp.evaluate(test)
groupedBarChart(categories: (0..<10).map { String($0) },
                groups: ["CNN recall": (0..<10).map { Double(result.confusion[$0][$0]) / Double(result.confusion[$0].reduce(0, +)) },
                         "MLP recall": (0..<10).map { Double(report.confusion[$0][$0]) / Double(report.confusion[$0].reduce(0, +)) }],
                xLabel: "digit", yLabel: "recall", title: "Per-class recall of two models")

cnn.misclassified(test, top: 10, title: "Most confident mistakes")

cnn.saliency(test, indices: [0, 1, 2, 3, 4, 5], title: "Saliency maps")

cnn.occlusion(test, indices: [0, 1, 2, 3, 4, 5], patch: 4, title: "Occlusion sensitivity")

let strings = Datasets.sequences(.anbn, count: 300, steps: 30, minN: 1, maxN: 5)
let counter = Sequential { LSTM(8, returnSequences: true); Dense(2) }
counter.fit(strings, epochs: 8, batchSize: 16, optimizer: Adam(lr: 0.02))
counter.hiddenStates(strings, index: 0, title: "Hidden units over time (heatmap)")

counter.stateTrajectory(strings, index: 0, title: "Hidden-state trajectory (PCA)")

let spirals = Datasets.spirals(count: 150, turns: 1.5, noise: 0.1)
let planeNet = Sequential { Dense(24, activation: .relu); Dense(24, activation: .relu); Dense(2) }
planeNet.fit(spirals, epochs: 300, batchSize: 32, optimizer: Adam(lr: 0.01))
planeNet.decisionRegions(spirals, title: "Decision regions")

planeNet.hiddenUnits(spirals, layer: 0, title: "First hidden layer over the input plane")

lineChart(["train": cnnHistory.loss, "validation": cnnHistory.valLoss], xLabel: "epoch", yLabel: "loss", title: "A line chart")

barChart(["CNN", "MLP"], [result.accuracy, report.accuracy], yLabel: "test accuracy", title: "A bar chart")

scatterPlot(x: cnnHistory.loss, y: cnnHistory.valLoss, xLabel: "train loss", yLabel: "validation loss", title: "A scatter plot")

// a helix: three coordinates make a 3-D view
let turns = (0..<120).map { Double($0) / 12 }
scatterPlot(x: turns.map { cos($0) }, y: turns.map { sin($0) }, z: turns, classes: turns.map { Int($0) % 3 },
            xLabel: "cos t", yLabel: "sin t", zLabel: "t", title: "A 3-D scatter plot")

heatmap(result.confusion.map { row in row.map { Double($0) } }, title: "A heatmap of any matrix")

