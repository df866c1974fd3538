import Testing

@testable import HeadroomScenario

@Suite("JSON parser")
struct JSONParserTests {
    @Test("valid documents parse to the expected values, keeping member order")
    func validDocuments() throws {
        #expect(try JSONValue.parse("null") == .null)
        #expect(try JSONValue.parse(" true ") == .bool(true))
        #expect(try JSONValue.parse("false") == .bool(false))
        #expect(try JSONValue.parse("\"hi\"") == .string("hi"))
        #expect(try JSONValue.parse("[]") == .array([]))
        #expect(try JSONValue.parse("{}") == .object(JSONObject()))
        #expect(try JSONValue.parse(" [ 1 , [ ] , { } , \"x\" ] ") == [1, [], [:], "x"])
        let doc = try JSONValue.parse("\r\n\t{\"z\": 1, \"a\": {\"m\": [true, null]}, \"b\": -2}\n")
        #expect(doc.objectValue?.keys == ["z", "a", "b"])
        #expect(doc["a"]?["m"]?[1] == .null)
        #expect(doc["b"]?.numberValue?.intValue == -2)
        #expect(doc == ["z": 1, "a": ["m": [true, .null]], "b": -2])
    }

    @Test("a leading byte-order mark is ignored and not counted in columns")
    func byteOrderMark() throws {
        #expect(try JSONValue.parse("\u{FEFF}[1]") == [1])
        #expect(throws: JSONSyntaxError(line: 1, column: 3, message: "expected ',' or ']' after an array element, found 'x'")) {
            try JSONValue.parse("\u{FEFF}[1x]")
        }
    }

    /// Every syntax error the parser reports, with its exact position and wording.
    static let syntaxErrors: [(text: String, error: String)] = [
        ("", "line 1, column 1: expected a value, found the end of the text"),
        ("   ", "line 1, column 4: expected a value, found the end of the text"),
        ("{", "line 1, column 2: expected a key in double quotes or '}', found the end of the text"),
        ("[", "line 1, column 2: expected a value, found the end of the text"),
        ("[1,]", "line 1, column 4: expected a value after ',', found ']' (trailing commas are not allowed)"),
        ("{\"a\":1,}", "line 1, column 8: expected a key in double quotes after ',', found '}' (trailing commas are not allowed)"),
        ("{\"a\":1,\n}", "line 2, column 1: expected a key in double quotes after ',', found '}' (trailing commas are not allowed)"),
        ("{\"a\":1, 2}", "line 1, column 9: expected a key in double quotes after ',', found '2'"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after the key \"a\", found '1'"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: expected ',' or '}' after an object member, found '\"'"),
        ("[1 2]", "line 1, column 4: expected ',' or ']' after an array element, found '2'"),
        ("[1,\n2,,3]", "line 2, column 3: expected a value, found ','"),
        ("{a:1}", "line 1, column 2: expected a key in double quotes or '}', found 'a' (keys need double quotes)"),
        ("{'a':1}", "line 1, column 2: expected a key in double quotes or '}', found ''' (keys need double quotes, not single quotes)"),
        ("{\"a\":1, // note\n}", "line 1, column 9: expected a key in double quotes after ',', found '/' (JSON does not allow comments)"),
        ("['a']", "line 1, column 2: expected a value, found ''' (strings need double quotes, not single quotes)"),
        ("[True]", "line 1, column 2: expected a value, found 'True' (true, false and null are written in lowercase)"),
        ("[NaN]", "line 1, column 2: expected a value, found 'NaN' (JSON has no NaN or Infinity)"),
        ("[Infinity]", "line 1, column 2: expected a value, found 'Infinity' (JSON has no NaN or Infinity)"),
        ("{\"a\":tru}", "line 1, column 6: expected a value, found 'tru' (did you mean true?)"),
        ("[nil]", "line 1, column 2: expected a value, found 'nil' (did you mean null?)"),
        ("[undefined]", "line 1, column 2: expected a value, found 'undefined' (strings need double quotes)"),
        ("[averyveryveryveryverylongword]", "line 1, column 2: expected a value, found 'averyveryveryveryverylon…' (strings need double quotes)"),
        ("// comment\n{}", "line 1, column 1: expected a value, found '/' (JSON does not allow comments)"),
        ("{} x", "line 1, column 4: expected the end of the text after the top-level value, found 'x'"),
        ("{}\n{}", "line 2, column 1: expected the end of the text after the top-level value, found '{'"),
        ("[1]\u{7F}", "line 1, column 4: expected the end of the text after the top-level value, found U+007F"),
        ("[é]", "line 1, column 2: expected a value, found 'é'"),
        ("[1,\té]", "line 1, column 5: expected a value, found 'é'"),
        ("01", "line 1, column 1: invalid number '01': leading zeros are not allowed"),
        ("[-012]", "line 1, column 2: invalid number '-012': leading zeros are not allowed"),
        ("1.", "line 1, column 1: invalid number '1.': expected a digit after '.'"),
        ("1.e5", "line 1, column 1: invalid number '1.e5': expected a digit after '.'"),
        ("1e", "line 1, column 1: invalid number '1e': expected a digit in the exponent"),
        ("1e+", "line 1, column 1: invalid number '1e+': expected a digit in the exponent"),
        ("-", "line 1, column 1: invalid number '-': expected a digit after '-'"),
        ("[-Infinity]", "line 1, column 2: invalid number '-Infinity': expected a digit after '-'"),
        ("+1", "line 1, column 1: expected a value, found '+' (a number cannot start with '+')"),
        (".5", "line 1, column 1: expected a value, found '.' (a number needs a digit before '.')"),
        ("0x10", "line 1, column 2: expected the end of the text after the top-level value, found 'x10'"),
        ("1e999", "line 1, column 1: number 1e999 is too large"),
        ("[-1e400]", "line 1, column 2: number -1e400 is too large"),
        ("\"abc", "line 1, column 1: unterminated string: no closing '\"' before the end of the text"),
        ("\"abc\\", "line 1, column 1: unterminated string: no closing '\"' before the end of the text"),
        ("{\"a\": \"b\n}", "line 1, column 9: unescaped line break in a string (is a closing '\"' missing?)"),
        ("\"a\tb\"", "line 1, column 3: unescaped tab in a string; write it as \\t"),
        ("\"\u{1}\"", "line 1, column 2: unescaped control character U+0001 in a string; write it as \\u0001"),
        ("\"\\x\"", "line 1, column 2: invalid escape '\\x' in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
        ("\"\\\n\"", "line 1, column 2: invalid escape '\\' followed by a line break in a string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
        ("\"\\u12G4\"", "line 1, column 2: invalid escape '\\u12G4' in a string; expected four hexadecimal digits after \\u"),
        ("\"\\u12\"", "line 1, column 2: invalid escape '\\u12' in a string; expected four hexadecimal digits after \\u"),
        ("\"\\uD800\"", "line 1, column 2: unpaired surrogate '\\uD800' in a string"),
        ("\"\\uDC00\"", "line 1, column 2: unpaired surrogate '\\uDC00' in a string"),
        ("\"\\uD800\\u0041\"", "line 1, column 2: unpaired surrogate '\\uD800' in a string"),
        ("\"x\\ud83d\\n\"", "line 1, column 3: unpaired surrogate '\\ud83d' in a string"),
        ("{\"a\":1,\"b\":2,\"a\":3}", "line 1, column 14: duplicate key \"a\" (first at line 1, column 2)"),
        ("{\n  \"é\": 1,\n  \"é\": 2\n}", "line 3, column 3: duplicate key \"é\" (first at line 2, column 3)"),
        ("\n\n  {\"é\": 1,\n  \"x\" 2}", "line 4, column 7: expected ':' after the key \"x\", found '2'"),
    ]

    @Test("every syntax error names its line, column and problem", arguments: syntaxErrors)
    func syntaxError(text: String, expected: String) {
        do {
            let value = try JSONValue.parse(text)
            Issue.record("\(text.debugDescription) parsed as \(value)")
        } catch {
            #expect(error.description == expected, "\(text.debugDescription)")
        }
    }

    @Test("duplicate keys are rejected, even nested and equal after Unicode normalization")
    func duplicateKeys() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"[{"a": {"b": 1, "b": 2}}]"#) }
        // "é" precomposed and decomposed are the same Swift string, so the same key.
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("{\"\u{E9}\": 1, \"e\u{301}\": 2}") }
        #expect(throws: Never.self) { try JSONValue.parse(#"{"a": {"a": {"a": 1}}, "b": {"a": 2}}"#) }
    }

    @Test("nesting is capped at 512 levels, and deep input never overflows the stack")
    func deepNesting() throws {
        let limit = JSONValue.maximumNestingDepth
        #expect(limit == 512)
        let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        _ = try JSONValue.parse(ok)
        let objects = String(repeating: "{\"a\":", count: limit) + "1" + String(repeating: "}", count: limit)
        _ = try JSONValue.parse(objects)
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONSyntaxError(line: 1, column: 513, message: "arrays and objects are nested more than 512 levels deep")) {
            try JSONValue.parse(tooDeep)
        }
        // A hundred thousand unclosed levels: rejected at level 513, no recursion involved.
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(String(repeating: "[{\"a\":", count: 100_000)) }
    }

    @Test("escapes decode, surrogate pairs combine, and non-ASCII text passes through")
    func unicode() throws {
        #expect(try JSONValue.parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{8} \u{C} \n \r \t"))
        #expect(try JSONValue.parse(#""\u0041\u00e9\u20AC""#) == .string("Aé€"))
        #expect(try JSONValue.parse(#""\uD83D\uDE00 \ud83d\ude00""#) == .string("😀 😀"))
        #expect(try JSONValue.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try JSONValue.parse("\"µs ünï 😀 \u{2028}\"") == .string("µs ünï 😀 \u{2028}"))
        #expect(try JSONValue.parse(#"{"\u006Bey": 1}"#) == ["key": 1])
    }

    @Test("numbers keep their literal text; integers are exact up to 64 bits")
    func numbers() throws {
        func number(_ text: String) throws -> JSONNumber {
            guard case .number(let n) = try JSONValue.parse(text) else { throw JSONSyntaxError(line: 0, column: 0, message: "not a number") }
            return n
        }
        #expect(try number("18446744073709551615").uint64Value == UInt64.max)
        #expect(try number("18446744073709551615").text == "18446744073709551615")
        #expect(try number("18446744073709551616").uint64Value == nil)
        #expect(try number("-1").uint64Value == nil)
        #expect(try number("-0").uint64Value == 0)
        #expect(try number("-0").intValue == 0)
        #expect(try number("9223372036854775807").intValue == Int.max)
        #expect(try number("9223372036854775808").intValue == nil)
        #expect(try number("2.0").intValue == 2)
        #expect(try number("2e3").intValue == 2000)
        #expect(try number("2.5").intValue == nil)
        #expect(try number("1E-2").double == 0.01)
        #expect(try number("-0.0").double == 0)
        #expect(try number("1e-400").double == 0)
        #expect(try number("0.1").double == 0.1)
        #expect(try number("123456789012345678901234567890").double == 1.2345678901234568e29)
        #expect(try number("1.5e+3").text == "1.5e+3")
        // Equality is by text: the same value written differently is a different JSON number.
        #expect(try JSONValue.parse("1.0") != JSONValue.int(1))
        #expect(try JSONValue.parse("1") == JSONValue.int(1))
    }
}
