import Tensor

/// torchvision's ResNet layout (`torchvision.models.resnet`), any depth and width:
///   conv1 7×7/2 padding 3 (widths[0] channels, no bias) → bn1 → ReLU → maxpool 3×3/2 padding 1 →
///   layer1…layerN, stage i being blocks[i] blocks of width widths[i], the first with stride 2 from
///   the second stage on → global average pooling → fc Dense(classes, softmax).
/// Blocks are `Bottleneck`s (expansion 4, stride on the 3×3: v1.5) or, with `bottleneck: false`,
/// torchvision's basic blocks (two 3×3 convolutions) as a `Residual` with a downsample shortcut.
/// Batch norm as PyTorch: epsilon 1e-5, momentum 0.9 (PyTorch's 0.1). The layers come in
/// torchvision's state_dict order, so `loadWeights` maps a torchvision state_dict onto them.
extension ResNet {
    /// The layers of a torchvision-style ResNet; `ResNet.layers(blocks: [3, 4, 6, 3], widths: [64, 128,
    /// 256, 512], bottleneck: true, classes: 1000)` is ResNet-50.
    public static func layers(blocks: [Int], widths: [Int], bottleneck: Bool, classes: Int) throws -> [Layer] {
        guard !blocks.isEmpty, blocks.count == widths.count, blocks.allSatisfy({ $0 > 0 }),
              widths.allSatisfy({ $0 > 0 }) else {
            throw LearnError.invalidArgument("ResNet: blocks and widths must be positive and as many, one per stage, "
                                             + "such as blocks: [3, 4, 6, 3], widths: [64, 128, 256, 512]; found "
                                             + "\(blocks) and \(widths)")
        }
        guard classes > 1 else {
            throw LearnError.invalidArgument("ResNet: classes must be at least 2, found \(classes)")
        }
        func norm() -> Layer { BatchNormalization(momentum: 0.9, epsilon: 1e-5) }
        var layers: [Layer] = [
            Conv2D(widths[0], kernelSize: 7, strides: 2, padding: .explicit(rows: 3, columns: 3), useBias: false),
            norm(), ActivationLayer(.relu), MaxPool2D(3, strides: 2, padding: .explicit(rows: 1, columns: 1)),
        ]
        var channels = widths[0]
        for (stage, (count, width)) in zip(blocks, widths).enumerated() {
            for block in 0..<count {
                let stride = stage > 0 && block == 0 ? 2 : 1
                if bottleneck {
                    layers.append(Bottleneck(planes: width, stride: stride))
                    channels = width * Bottleneck.expansion
                    continue
                }
                let same = Padding.explicit(rows: 1, columns: 1)
                let shortcut = stride != 1 || channels != width
                    ? [Conv2D(width, kernelSize: 1, strides: stride, useBias: false), norm()] : nil
                layers.append(Residual([Conv2D(width, kernelSize: 3, strides: stride, padding: same, useBias: false),
                                        norm(), ActivationLayer(.relu),
                                        Conv2D(width, kernelSize: 3, padding: same, useBias: false), norm()],
                                       shortcut: shortcut))
                layers.append(ActivationLayer(.relu))
                channels = width
            }
        }
        return layers + [GlobalAveragePooling2D(), Dense(classes, activation: .softmax)]
    }

    /// The network built for images of `input` ([height, width, channels]).
    public static func model(blocks: [Int], widths: [Int], bottleneck: Bool, classes: Int,
                             input: [Int], seed: UInt64? = nil) throws -> Sequential {
        let model = Sequential(try layers(blocks: blocks, widths: widths, bottleneck: bottleneck, classes: classes))
        try model.build(input: input, seed: seed)
        return model
    }

    /// torchvision's `resnet50`: 25,557,032 trainable parameters for 1000 classes (plus 53,120
    /// batch norm moving statistics, which Keras-style summaries count as non-trainable).
    public static func resNet50(classes: Int = 1000, input: [Int] = [224, 224, 3]) throws -> Sequential {
        try model(blocks: [3, 4, 6, 3], widths: [64, 128, 256, 512], bottleneck: true, classes: classes, input: input)
    }
}
