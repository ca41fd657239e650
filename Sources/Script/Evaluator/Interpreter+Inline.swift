import CellOutput

extension Interpreter {
    /// The text an expression written in prose (`` `{swift} percent(acc)` ``) shows in its place: a
    /// number as a table shows it, text as it is. It runs with the cells' state, after the cells
    /// above it; `column` is where it starts on notebook line `line`, whose whole `lineText` an error
    /// shows with its caret in the prose.
    public func inlineValue(_ expression: String, file: String, line: Int, column: Int,
                            lineText: String) throws -> String {
        self.file = file
        // Padding puts every span at its true column in the prose line.
        let padded = String(repeating: " ", count: max(0, column - 1)) + expression
        sourceLines[line] = lineText
        var value = Value.void
        do {
            try Interpreter.onLargeStack {
                let program = try Parser.parse(padded, firstLine: line)
                let cell = try Compiler(self).compileCell(program)
                self.callDepth = 0
                value = try cell.inlineValue(span: Span(line: line, column: column, length: expression.count))
            }
        } catch let e as ScriptError {
            throw diagnostic(e)
        }
        if case .int(let n) = value { return Interpreter.proseInteger(n) }
        return value.stringValue ?? Interpreter.formatCell(value)
    }

    /// Whole numbers as prose writes them: 93,322 and 1,250,000, but 2026 and 512 as they are.
    static func proseInteger(_ n: Int) -> String {
        String(n.magnitude).count > 4 ? groupedThousands(n) : String(n)
    }
}

extension CompiledCell {
    /// The value of a cell that is one expression giving a number, text or Bool.
    func inlineValue(span: Span) throws -> Value {
        guard body.isEmpty, let last else {
            throw ScriptError("a value in prose must be one expression, such as `{swift} percent(accuracy)`",
                              at: span)
        }
        let value = try last(Frame.make(count: slotCount, parent: nil))
        switch value {
        case .int, .double, .bool, .string: return value
        default:
            throw ScriptError("a value in prose must be a number, text or Bool, not a value of type "
                              + "'\(value.typeName)'; show it in a cell, or pick a number from it", at: span)
        }
    }
}
