// bitmap-text: BitmapTextReader.read with every option inferred (label column, shape), plain or gzip
// (classCount from FOLIO_FUZZ_CLASS_COUNT when set).
import FuzzSupport
import Datasets

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    _ = try? BitmapTextReader.read(path: FuzzInput.file(data, size, name: "input.txt"),
                                  options: BitmapTextOptions(classCount: FuzzInput.classCount))
    return 0
}

runFuzzer(fuzz)
