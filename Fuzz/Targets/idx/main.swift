// idx: IDXReader.read on the input (plain, or gzip when it starts 1f 8b). An input holding the
// separator "LBLS" is split into an images file and a labels file for IDXReader.readImages.
import FuzzSupport
import Datasets

private let separator: [UInt8] = Array("LBLS".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    let bytes = FuzzInput.bytes(data, size)
    if let cut = firstIndex(of: separator, in: bytes) {
        let images = Array(bytes[..<cut]), labels = Array(bytes[(cut + separator.count)...])
        let imagesPath = images.withUnsafeBufferPointer {
            FuzzInput.file($0.baseAddress!, $0.count, name: "images-idx3-ubyte")
        }
        let labelsPath = labels.withUnsafeBufferPointer {
            FuzzInput.file($0.baseAddress!, $0.count, name: "labels-idx1-ubyte")
        }
        _ = try? IDXReader.readImages(images: imagesPath, labels: labelsPath, name: "fuzz")
    } else {
        _ = try? IDXReader.read(path: FuzzInput.file(data, size, name: "input-idx3-ubyte"))
    }
    return 0
}

private func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
    guard bytes.count >= needle.count else { return nil }
    return (0...(bytes.count - needle.count)).first { i in bytes[i..<(i + needle.count)].elementsEqual(needle) }
}

runFuzzer(fuzz)
