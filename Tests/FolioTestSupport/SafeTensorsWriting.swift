import Foundation

/// Writes a safetensors file of the given tensors, in the given order, as PyTorch's
/// `safetensors.torch.save_file` lays one out: an 8-byte header length, the JSON header padded with
/// spaces to 8 bytes, then the data. Names ending in `num_batches_tracked` are I64 zeros (PyTorch's
/// batch-norm counters); every other tensor is F32 with `value(name, index)` at each index.
public func writeSafeTensors(_ tensors: [(name: String, shape: [Int])], to url: URL,
                             value: (String, Int) -> Float) throws {
    var header: [String] = [], body = Data()
    for (name, shape) in tensors {
        let count = shape.reduce(1, *), integer = name.hasSuffix("num_batches_tracked")
        let start = body.count
        if integer {
            body.append(Data(count: 8 * count))
        } else {
            let values = (0..<count).map { value(name, $0) }
            values.withUnsafeBufferPointer { body.append(Data(buffer: $0)) }
        }
        header.append("\"\(name)\":{\"dtype\":\"\(integer ? "I64" : "F32")\",\"shape\":\(shape),"
                      + "\"data_offsets\":[\(start),\(body.count)]}")
    }
    var json = Data(("{" + header.joined(separator: ",") + "}").utf8)
    json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
    var file = Data()
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
    file.append(json)
    file.append(body)
    try file.write(to: url)
}
