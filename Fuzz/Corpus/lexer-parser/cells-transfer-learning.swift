let fashion = fashionMNIST()
let (pretrain, _) = fashion.train.split(0.25, stratified: true)
let base = ResNet(stages: [16, 32], blocksPerStage: 1, classes: 10)
base.summary(input: [28, 28, 1])

//| label: pretrain
let pretraining = base.fit(pretrain, validation: fashion.test!, epochs: 2, batchSize: 64, optimizer: Adam(lr: 2e-3))
base.save(params.weights)
pretraining

let digits = mnist5k()
let (pool, test) = digits.split(0.8, stratified: true)
let few = pool.take(params.labelled)
few.labelCounts()

let transferred = Model.load(params.weights).replacingLast(1) { Dense(10, activation: .softmax) }
transferred.freeze(upTo: transferred.layerCount - 1)
transferred.summary(input: [28, 28, 1])

//| label: head-only
let headOnly = transferred.fit(few, validation: test, epochs: 10, batchSize: 32, optimizer: Adam(lr: 1e-2))
let headAccuracy = transferred.evaluate(test).accuracy
headOnly

//| label: fine-tune
transferred.unfreeze()
let fineTuned = transferred.fit(few, validation: test, epochs: 15, batchSize: 32, optimizer: Adam(lr: 1e-3))
fineTuned

//| label: from-scratch
let scratch = ResNet(stages: [16, 32], blocksPerStage: 1, classes: 10)
let scratchHistory = scratch.fit(few, validation: test, epochs: 25, batchSize: 32, optimizer: Adam(lr: 2e-3))
let transferredResult = transferred.evaluate(test)
let scratchResult = scratch.evaluate(test)
compare([("transferred (head, then all layers)", transferred, transferredResult, fineTuned),
         ("from scratch", scratch, scratchResult, scratchHistory)])

let verdict = transferredResult.accuracy > scratchResult.accuracy ? "ahead" : "behind"
markdown("""
With \(params.labelled) labelled digits, the frozen clothing features alone reach \(String(format: "%.1f", headAccuracy * 100))% \
with a new head; fine-tuning every layer reaches \(String(format: "%.1f", transferredResult.accuracy * 100))%, against \
\(String(format: "%.1f", scratchResult.accuracy * 100))% from scratch: in this run the pretrained network is **\(verdict)**.
""")

//| label: repeats
var transferredRuns: [Double] = []
var scratchRuns: [Double] = []
for seed in 1...params.repeats {
    let reused = Model.load(params.weights).replacingLast(1) { Dense(10, activation: .softmax) }
    reused.freeze(upTo: reused.layerCount - 1)
    reused.fit(few, epochs: 10, batchSize: 32, optimizer: Adam(lr: 1e-2), seed: seed)
    reused.unfreeze()
    reused.fit(few, epochs: 15, batchSize: 32, optimizer: Adam(lr: 1e-3), seed: seed)
    transferredRuns.append(reused.evaluate(test).accuracy)
    let fresh = ResNet(stages: [16, 32], blocksPerStage: 1, classes: 10)
    fresh.fit(few, epochs: 25, batchSize: 32, optimizer: Adam(lr: 2e-3), seed: seed)
    scratchRuns.append(fresh.evaluate(test).accuracy)
}
func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }
func spread(_ xs: [Double]) -> Double {
    let m = mean(xs)
    return (xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(max(xs.count - 1, 1))).squareRoot()
}
func percent(_ x: Double) -> String { String(format: "%.1f", x * 100) }
table([["transferred (head, then all layers)"] + transferredRuns.map(percent) + [percent(mean(transferredRuns)), percent(spread(transferredRuns))],
       ["from scratch"] + scratchRuns.map(percent) + [percent(mean(scratchRuns)), percent(spread(scratchRuns))]],
      header: ["recipe"] + (1...params.repeats).map { "seed \($0) (%)" } + ["mean (%)", "sd (points)"],
      title: "Test accuracy over \(params.repeats) seeds")

let gap = mean(transferredRuns) - mean(scratchRuns)
let noise = max(spread(transferredRuns), spread(scratchRuns))
let conclusion = abs(gap) <= noise ? "within the seed-to-seed spread: with \(params.labelled) labels the two recipes cannot be told apart"
    : gap > 0 ? "larger than the seed-to-seed spread: pretraining on Fashion-MNIST helps" : "larger than the seed-to-seed spread, against pretraining: clothing features do not carry over to digits here"
markdown("""
Averaged over \(params.repeats) seeds the pretrained network scores \(String(format: "%.1f", abs(gap) * 100)) points \
\(gap >= 0 ? "above" : "below") training from scratch, a difference \(conclusion).
""")

