import Testing

@testable import HeadroomScenario

@Suite("JSON renderer")
struct JSONRenderingTests {
    static let sample: JSONValue = [
        "name": "x\"y\\z/\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}é😀\u{2028}",
        "numbers": [1, 2.5, -0.0, 150.0, 1e-7, 1e20, 9_007_199_254_740_991.0, 9_007_199_254_740_992.0, 0.1],
        "special": [.number(.nan), .number(.infinity), .number(-.infinity), .uint64(.max), .int(.min)],
        "empty array": [],
        "empty object": [:],
        "nested": ["a": [["b": true, "c": .null]], "z": false],
    ]

    @Test("pretty output: two-space indent, \"key\": value, [] and {}, arrays of scalars on one line, member order kept, no trailing newline")
    func pretty() {
        let expected = #"""
            {
              "name": "x\"y\\z/\n\r\t\b\f\u0001\u001f\#u{7F}é😀\#u{2028}",
              "numbers": [1, 2.5, 0, 150, 1e-07, 1e+20, 9007199254740991, 9007199254740992.0, 0.1],
              "special": [null, null, null, 18446744073709551615, -9223372036854775808],
              "empty array": [],
              "empty object": {},
              "nested": {
                "a": [
                  {
                    "b": true,
                    "c": null
                  }
                ],
                "z": false
              }
            }
            """#
        #expect(Self.sample.rendered() == expected)
    }

    @Test("compact output has no whitespace; other indents are honoured")
    func compact() {
        let value: JSONValue = ["a": [1, ["b": "c"], []], "d": [:]]
        #expect(value.rendered(pretty: false) == #"{"a":[1,{"b":"c"},[]],"d":{}}"#)
        #expect(value.description == value.rendered(pretty: false))
        #expect(value.rendered(indent: 4) == "{\n    \"a\": [\n        1,\n        {\n            \"b\": \"c\"\n        },\n        []\n    ],\n    \"d\": {}\n}")
        #expect(JSONValue.string("").rendered() == #""""#)
        #expect(JSONValue.null.rendered() == "null")
    }

    @Test("rendering is deterministic and parses back to the same value")
    func roundTrip() throws {
        let once = Self.sample.rendered()
        #expect(Self.sample.rendered() == once)
        let reparsed = try JSONValue.parse(once)
        #expect(reparsed.rendered() == once)
        #expect(try JSONValue.parse(Self.sample.rendered(pretty: false)).rendered() == once)
        // Strings survive any content, control characters included.
        let allControls = String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\"\\"
        #expect(try JSONValue.parse(JSONValue.string(allControls).rendered()) == .string(allControls))
    }

    @Test("numbers: canonical text for Doubles, exact text for integers and parsed literals")
    func numberText() throws {
        #expect(JSONNumber(3.0).text == "3")
        #expect(JSONNumber(-3.0).text == "-3")
        #expect(JSONNumber(0.25).text == "0.25")
        #expect(JSONNumber(1.0 / 3).text == "0.3333333333333333")
        #expect(JSONNumber(123_456_789_012.5).text == "123456789012.5")
        #expect(JSONNumber(1e16).text == "1e+16")
        #expect(JSONNumber(Double.leastNonzeroMagnitude).text == "5e-324")
        #expect(JSONNumber(Double.nan).text == "nan")
        #expect(JSONNumber(Int.max).text == "9223372036854775807")
        #expect(JSONNumber(UInt64.max).uint64Value == .max)
        #expect(try JSONValue.parse("[1.50, 2E3, -0]").rendered(pretty: false) == "[1.50,2E3,-0]")
        // Every canonical Double text reads back to the same Double.
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let d = Double(bitPattern: rng.next())
            guard d.isFinite else { continue }
            let text = JSONValue.number(d).rendered()
            #expect(try JSONValue.parse(text).numberValue?.double == d, "\(d)")
        }
    }

    @Test("objects keep insertion order; setting an existing key replaces it in place")
    func objectOrder() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(JSONValue.object(object).rendered(pretty: false) == #"{"b":4,"c":3}"#)
        #expect(JSONValue.object([("x", 1), ("y", 2), ("x", 3)]).rendered(pretty: false) == #"{"x":3,"y":2}"#)
        #expect(JSONValue.object(["b": 1, "a": 2]) != JSONValue.object(["a": 2, "b": 1]))
    }
}
