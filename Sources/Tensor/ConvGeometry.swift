import CKernels

/// Padding of a convolution or pooling window: Keras's two modes, or PyTorch's explicit amounts.
public enum Padding: Equatable, Sendable {
    /// No padding: output = floor((input - window) / stride) + 1.
    case valid
    /// Zero padding so output = ceil(input / stride); the extra row/column goes at the bottom/right.
    case same
    /// `rows` zero rows above and below, `columns` zero columns left and right, as PyTorch's
    /// `padding=(rows, columns)`: output = floor((input + 2·padding - window) / stride) + 1.
    case explicit(rows: Int, columns: Int)

    /// "valid", "same", or "rows,columns" for explicit amounts (how configurations store it).
    public var rawValue: String {
        switch self {
        case .valid: return "valid"
        case .same: return "same"
        case .explicit(let rows, let columns): return "\(rows),\(columns)"
        }
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "valid": self = .valid
        case "same": self = .same
        default:
            let parts = rawValue.split(separator: ",").compactMap { Int($0) }
            guard parts.count == 2, parts.allSatisfy({ $0 >= 0 }) else { return nil }
            self = .explicit(rows: parts[0], columns: parts[1])
        }
    }
}

/// Sizes of a 2-D sliding window over an NHWC tensor, shared by convolution and pooling.
public struct WindowGeometry: Equatable, Sendable {
    public private(set) var batch: Int
    public let height: Int, width: Int, channels: Int
    public let kernelHeight: Int, kernelWidth: Int, strideY: Int, strideX: Int
    public let outHeight: Int, outWidth: Int, padTop: Int, padLeft: Int

    /// Computes output size and padding; throws if the window does not fit.
    public init(batch: Int, height: Int, width: Int, channels: Int,
                kernel: (Int, Int), stride: (Int, Int), padding: Padding) throws {
        guard kernel.0 > 0, kernel.1 > 0, stride.0 > 0, stride.1 > 0 else {
            throw TensorError.invalidShape([kernel.0, kernel.1, stride.0, stride.1],
                                           reason: "window and stride must be positive")
        }
        self.batch = batch; self.height = height; self.width = width; self.channels = channels
        kernelHeight = kernel.0; kernelWidth = kernel.1; strideY = stride.0; strideX = stride.1
        switch padding {
        case .valid:
            guard height >= kernel.0, width >= kernel.1 else {
                throw TensorError.shapeMismatch(operation: "window \(kernel.0)×\(kernel.1) with valid padding",
                                                expected: "input at least \(kernel.0)×\(kernel.1)",
                                                found: "\(height)×\(width)")
            }
            outHeight = (height - kernel.0) / stride.0 + 1
            outWidth = (width - kernel.1) / stride.1 + 1
            padTop = 0; padLeft = 0
        case .same:
            outHeight = (height + stride.0 - 1) / stride.0
            outWidth = (width + stride.1 - 1) / stride.1
            padTop = max((outHeight - 1) * stride.0 + kernel.0 - height, 0) / 2
            padLeft = max((outWidth - 1) * stride.1 + kernel.1 - width, 0) / 2
        case .explicit(let rows, let columns):
            guard rows >= 0, columns >= 0, height + 2 * rows >= kernel.0, width + 2 * columns >= kernel.1 else {
                throw TensorError.shapeMismatch(
                    operation: "window \(kernel.0)×\(kernel.1) with padding (\(rows), \(columns))",
                    expected: "padded input at least \(kernel.0)×\(kernel.1) and padding ≥ 0",
                    found: "\(height)×\(width)")
            }
            outHeight = (height + 2 * rows - kernel.0) / stride.0 + 1
            outWidth = (width + 2 * columns - kernel.1) / stride.1 + 1
            padTop = rows; padLeft = columns
        }
    }

    /// The same window over a batch of `count` images (for processing a batch in blocks).
    public func withBatch(_ count: Int) -> WindowGeometry {
        var g = self
        g.batch = count
        return g
    }

    /// Elements of one input image: height * width * channels.
    public var imageSize: Int { height * width * channels }

    /// Elements in one im2col row: kernelHeight * kernelWidth * channels.
    public var patchSize: Int { kernelHeight * kernelWidth * channels }

    /// True when no window reaches outside the image (no padding is read): the kernels' unchecked paths.
    public var windowsInsideImage: Bool {
        padTop == 0 && padLeft == 0 && (outHeight - 1) * strideY + kernelHeight <= height
            && (outWidth - 1) * strideX + kernelWidth <= width
    }
    /// Output positions over the whole batch: batch * outHeight * outWidth.
    public var outputPositions: Int { batch * outHeight * outWidth }
}

extension WindowGeometry {
    /// The geometry as the C kernels take it (batch aside: they take an image count).
    var cWindow: folio_window {
        folio_window(height: height, width: width, channels: channels, kernel_h: kernelHeight, kernel_w: kernelWidth,
                     stride_y: strideY, stride_x: strideX, pad_top: padTop, pad_left: padLeft,
                     out_h: outHeight, out_w: outWidth)
    }
}
