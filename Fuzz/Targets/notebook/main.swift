// notebook: a notebook's text through the loader: front matter (Yams), Markdown (cmark), cells
// and their `//|` options, labels, source lines.
import FuzzSupport
import Notebook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    _ = try? NotebookParser.parse(FuzzInput.text(data, size), file: "fuzz.md")
    return 0
}

runFuzzer(fuzz)
