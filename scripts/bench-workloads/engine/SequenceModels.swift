// `EngineBench lstm|gru|rnn|transformer`: the sequence models of `scripts/bench sequence` (issue 5).
// Each Fashion-MNIST image is read as 28 steps (rows) of 28 features; batch 128, Adam 1e-3.
// reference.py builds the same models in PyTorch.
import Learn

/// Batch size of the sequence models (the CNN and MLP train at 64).
let sequenceBatchSize = 128

func sequenceModel(_ kind: String) -> Sequential? {
    switch kind {
    case "lstm":
        // The recurrent layers read [28, 28, 1] as 28 steps of 28 × 1 features.
        return Sequential { LSTM(128); Dense(64, activation: .relu); Dense(10) }
    case "gru":
        return Sequential { GRU(128); Dense(64, activation: .relu); Dense(10) }
    case "rnn":
        return Sequential { SimpleRNN(64, activation: .tanh); Dense(10) }
    case "transformer":
        // Dense acts on the last axis: a 64-wide embedding of each row, then one attention block.
        return Sequential {
            Reshape([28, 28]); Dense(64)
            Residual { MultiHeadAttention(heads: 1, keyDim: 64) }; LayerNormalization()
            Flatten(); Dense(128, activation: .relu); Dense(10)
        }
    default: return nil
    }
}
