extension Parser {
    /// Parses a type annotation: `Int`, `[T]`, `[K: V]`, `T?`, `(A, B)`, `(A) -> B`.
    mutating func parseType() throws -> TypeExpr {
        try nest()
        let outerDepth = depth
        defer { depth = outerDepth - 1 }
        var type: TypeExpr
        if match("[") {
            let element = try parseType()
            if match(":") {
                let value = try parseType()
                try expect("]", "to end the dictionary type")
                type = .dictionary(element, value)
            } else {
                try expect("]", "to end the array type")
                type = .array(element)
            }
        } else if match("(") {
            var elements: [TypeExpr] = []
            while !check(")") {
                if current.kind == .identifier && peek().is(":") { advance(); advance() }
                elements.append(try parseType())
                if !match(",") { break }
            }
            try expect(")", "to end the tuple type")
            if match("->") {
                type = .function(elements, try parseType())
            } else {
                type = elements.count == 1 ? elements[0] : .tuple(elements)
            }
        } else {
            let name = try expectIdentifier("a type")
            type = .named(name.text)
            if check("<") && !current.spaceBefore {
                // Generic spelling: Array<Int>, Dictionary<String, Int>, Optional<Int>.
                advance()
                var args: [TypeExpr] = [try parseType()]
                while match(",") { args.append(try parseType()) }
                try expect(">", "to end the generic argument list")
                switch (name.text, args.count) {
                case ("Array", 1): type = .array(args[0])
                case ("Dictionary", 2): type = .dictionary(args[0], args[1])
                case ("Optional", 1): type = .optional(args[0])
                default: throw ScriptError("cannot specialize type '\(name.text)'", at: name.span)
                }
            }
        }
        while check("?") && !current.spaceBefore {
            try nest()  // `Int???…` nests one optional per '?'
            advance()
            type = .optional(type)
        }
        if check("!") && !current.spaceBefore {
            advance()
            type = .optional(type)
        }
        return type
    }
}
