// gzip: the streaming gzip reader (GzipByteSource, multi-member, through openByteSource as every
// reader opens files) and the raw-deflate inflater that .npz members use (inflateRawDeflate,
// with the expected size taken from the input's first 2 bytes, as a zip header would give it;
// larger sizes are the npz target's business, where ZipArchive decides what to allow).
import FuzzSupport
@testable import Datasets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    let path = FuzzInput.file(data, size, name: "input.gz")
    if let source = try? FileByteSource(path: path) {
        _ = try? GzipByteSource(compressed: source, chunkSize: 4096).readToEnd()
    }
    if size >= 2 {
        let expected = Int(data[0]) | Int(data[1]) << 8
        _ = try? inflateRawDeflate(UnsafeRawBufferPointer(start: data + 2, count: size - 2),
                                   expectedSize: expected, path: path, member: "arr_0.npy")
    }
    return 0
}

runFuzzer(fuzz)
