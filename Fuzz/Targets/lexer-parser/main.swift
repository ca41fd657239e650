// lexer-parser: the cell language's lexer, parser (both the throwing parse and `check`, which
// resumes after errors) and closure compiler. Nothing is run: random programs can loop forever.
import FuzzSupport
@testable import Script

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = start else { return 0 }
    let source = FuzzInput.text(data, size)
    let interpreter = Interpreter()
    _ = interpreter.check(source, file: "fuzz.swift", firstLine: 1)
    // As Interpreter.run does it, on the large stack, but without running the compiled cell.
    try? Interpreter.onLargeStack {
        let program = try Parser.parse(source, firstLine: 1)
        _ = try Compiler(interpreter).compileCell(program)
    }
    return 0
}

runFuzzer(fuzz)
