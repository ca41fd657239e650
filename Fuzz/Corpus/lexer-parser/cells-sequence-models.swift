let digits = mnist5k()
let (train, test) = digits.split(0.8, stratified: true)
train.labelCounts()

let rnn = Sequential { SimpleRNN(64); Dense(10) }
let lstm = Sequential { LSTM(64); Dense(10) }
let gru = Sequential { GRU(64); Dense(10) }
let attention = Sequential {
    Reshape([28, 28])
    Dense(64)
    Residual { MultiHeadAttention(heads: 1, keyDim: 64) }
    LayerNormalization()
    Flatten()
    Dense(128, activation: .relu)
    Dense(10)
}
attention.summary(input: [28, 28, 1])

//| label: train-sequence-models
let models = [("RNN", rnn), ("LSTM", lstm), ("GRU", gru), ("Attention", attention)]
var results: [Any] = []
for (name, model) in models {
    let history = model.fit(train, validation: test, epochs: params.epochs, batchSize: 64, optimizer: Adam(lr: 2e-3))
    let result = model.evaluate(test)
    results.append((name, model, result, history))
}
compare(results)

lstm.evaluate(test).confusionMatrix(title: "LSTM on held-out digits")

let strings = Datasets.sequences(.anb2nc3n, count: 400, steps: 36, minN: 1, maxN: 4)
let held = Datasets.sequences(.anb2nc3n, count: 100, steps: 36, minN: 1, maxN: 4)
strings

//| label: train-counter
let counter = Sequential {
    LSTM(16, returnSequences: true)
    Dense(3)
}
let counting = counter.fit(strings, validation: held, epochs: 12, batchSize: 16, optimizer: Adam(lr: 0.02))
counting

counter.hiddenStates(held, index: 0, title: "LSTM hidden units reading aⁿb²ⁿc³ⁿ")

counter.stateTrajectory(held, index: 0, title: "Hidden-state trajectory")

//| label: three-units
let tiny = Sequential {
    LSTM(3, returnSequences: true)
    Dense(3)
}
let tinyHistory = tiny.fit(strings, validation: held, epochs: 40, batchSize: 16, optimizer: Adam(lr: 0.03))
let tinyAccuracy = tiny.evaluate(held).accuracy
markdown("With 3 units the LSTM predicts \(String(format: "%.1f", tinyAccuracy * 100))% of the deterministic steps.")

display(tiny.stateTrajectory(held, index: 0, units: [0, 1], title: "Units 0 and 1"))
display(tiny.stateTrajectory(held, index: 0, units: [0, 2], title: "Units 0 and 2"))
tiny.stateTrajectory(held, index: 0, units: [1, 2], title: "Units 1 and 2")

tiny.stateTrajectory(held, index: 0, units: [0, 1, 2], title: "All three units")

