// npy: an input starting "PK" is an .npz archive (NumpyReader.readArchive, then readImages with the
// labels in the same archive); anything else an .npy array (NumpyReader.readArray, and readImages
// when it is an image array, as `load(format: .npy)` would). classCount from FOLIO_FUZZ_CLASS_COUNT.
import FuzzSupport
import Datasets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    if size >= 2 && data[0] == 0x50 && data[1] == 0x4b {
        let path = FuzzInput.file(data, size, name: "input.npz")
        _ = try? NumpyReader.readArchive(path: path)
        _ = try? NumpyReader.readImages(images: path, labels: nil, classCount: FuzzInput.classCount, name: "fuzz")
    } else {
        let path = FuzzInput.file(data, size, name: "input.npy")
        if let array = try? NumpyReader.readArray(path: path), array.shape.count >= 2 {
            // The same array as images and as (invalid) labels: exercises the shape checks.
            _ = try? NumpyReader.readImages(images: path, labels: path, classCount: FuzzInput.classCount, name: "fuzz")
        }
    }
    return 0
}

runFuzzer(fuzz)
