// safetensors: SafeTensorsFile (header length, JSON header, every entry checked against the data)
// and the float conversion of each tensor, then Sequential.load, which rebuilds a model from the
// "folio.architecture" metadata and assigns the weights, as `loadModel(...)` in a cell does.
import FuzzSupport
@testable import Learn

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    let path = FuzzInput.file(data, size, name: "input.safetensors")
    if let file = try? SafeTensorsFile(path: path) {
        _ = file.isInNameOrder
        for entry in file.entries where entry.isFloat { _ = file.floats(entry) }
    }
    _ = try? Sequential.load(from: path)
    return 0
}

runFuzzer(fuzz)
