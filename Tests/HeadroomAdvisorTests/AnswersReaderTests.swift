import Foundation
import HeadroomAdvisor
import HeadroomScenario
import Testing

@Suite("answers files: strict, with JSON paths")
struct AnswersReaderTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try AnswersReader.decode(text: text, file: "answers.json")
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    @Test("a full file reads every kind of answer; missing answers take defaults")
    func reads() throws {
        let answers = try AnswersReader.decode(text: #"{"teamSize": "large", "dailyActiveUsers": 2e6, "latencyObjective": "150ms"}"#, file: "a.json")
        #expect(answers.choice(.teamSize).id == "large")
        #expect(answers.number(.dailyActiveUsers) == 2_000_000)
        #expect(answers.duration(.latencyObjective) == .milliseconds(150))
        #expect(answers.number(.peakMultiplier) == 3)
        #expect(answers.choice(.budget).id == "moderate")
        #expect(try AnswersReader.decode(text: "{}", file: "a.json") == AdvisorAnswers())
    }

    @Test("every problem is reported, each with its path and exact wording")
    func diagnostics() {
        #expect(problems(#"{"teamsize": "small", "budget": "cheap", "dailyActiveUsers": "lots", "peakMultiplier": 0.5, "retentionYears": 2.5, "latencyObjective": 200, "readPercent": 101, "trafficVariability": "spiky", "wat": 1}"#) == [
            #"answers.json: unknown key "teamsize"; did you mean "teamSize"?"#,
            #"answers.json: budget: unknown choice "cheap"; expected one of "veryLimited", "moderate", "flexible""#,
            #"answers.json: dailyActiveUsers: found "lots" (a string); expected a whole number from 1 to 10,000,000,000"#,
            #"answers.json: peakMultiplier: found 0.5; expected a number from 1 to 100"#,
            #"answers.json: retentionYears: found 2.5; expected a whole number from 1 to 30"#,
            #"answers.json: latencyObjective: found 200 (a number); expected a duration from "1ms" to "1m", such as "200ms""#,
            #"answers.json: readPercent: found 101; expected a number from 0 to 100"#,
            #"answers.json: trafficVariability: unknown choice "spiky"; expected one of "steady", "dailyPeaks", "unpredictable""#,
            #"answers.json: unknown key "wat"; expected one of "teamSize", "expectedUsers", "developmentSpeed", "operationsExperience", "scalingNeeds", "budget", "dailyActiveUsers", "requestsPerUserPerDay", "peakMultiplier", "readPercent", "latencyObjective", "dataPerUserPerDayKB", "retentionYears", "yearlyGrowthPercent", "responseSizeKB", "trafficVariability", "slowOperations""#,
        ])
        #expect(problems(#"{"teamSize": "smal", "expectedUsers": 3, "latencyObjective": "2 minutes"}"#) == [
            #"answers.json: teamSize: unknown choice "smal"; did you mean "small"?"#,
            #"answers.json: expectedUsers: found 3 (a number); expected one of "under1k", "upTo100k", "over100k", "variable""#,
            #"answers.json: latencyObjective: found "2 minutes"; expected a duration from "1ms" to "1m", such as "200ms""#,
        ])
        #expect(problems("[1]") == ["answers.json: found an array; expected an object of answers"])
        #expect(problems("{\"teamSize\": }") == ["answers.json: line 1, column 14: expected a value, found '}'"])
    }

    @Test("a missing file or directory is named")
    func files() {
        #expect(throws: ScenarioError.self) { try AnswersReader.load(path: "/nonexistent/answers.json") }
        do {
            _ = try AnswersReader.load(path: "/nonexistent/answers.json")
        } catch {
            #expect(error.description == "/nonexistent/answers.json: cannot read the file: no such file")
        }
        do {
            _ = try AnswersReader.load(path: "/tmp")
        } catch {
            #expect(error.description == "/tmp: cannot read the file: it is a directory")
        }
    }

    @Test("typed answers: numbers with separators and k/M, durations, and the messages for bad input")
    func typed() throws {
        let users = Questionnaire.question(.dailyActiveUsers)
        #expect(try AnswerInput.parse("50k", for: users).get() == .number(50_000))
        #expect(try AnswerInput.parse("1,500,000", for: users).get() == .number(1_500_000))
        #expect(try AnswerInput.parse("2M", for: users).get() == .number(2_000_000))
        #expect(AnswerInput.parse("lots", for: users) == .failure(InputProblem("Please enter a whole number from 1 to 10,000,000,000 (for example 50,000, 750k or 2M).")))
        #expect(AnswerInput.parse("0", for: users) == .failure(InputProblem("0 is out of range: please enter a whole number from 1 to 10,000,000,000.")))
        #expect(AnswerInput.parse("1.5", for: users) == .failure(InputProblem("1.5 is out of range: please enter a whole number from 1 to 10,000,000,000.")))
        let latency = Questionnaire.question(.latencyObjective)
        #expect(try AnswerInput.parse("150", for: latency).get() == .duration(.milliseconds(150)))
        #expect(try AnswerInput.parse("1.5s", for: latency).get() == .duration(.seconds(1.5)))
        #expect(AnswerInput.parse("fast", for: latency) == .failure(InputProblem("Please enter a duration such as 200ms or 1.5s (a plain number is milliseconds).")))
        #expect(AnswerInput.parse("2m", for: latency) == .failure(InputProblem(#"2 min is out of range: please enter a duration from "1ms" to "1m", such as "200ms"."#)))
        let team = Questionnaire.question(.teamSize)
        #expect(try AnswerInput.parse("3", for: team).get() == .choice("large"))
        #expect(AnswerInput.parse("4", for: team) == .failure(InputProblem("Please choose a number from 1 to 3.")))
    }

    @Test("10,000 unknown keys are all reported, in well under a second of CPU (it was quadratic: 15–37 s)",
          .enabled(if: !_isDebugAssertConfiguration(), "timings need the release build `make test` uses"))
    func manyUnknownKeys() throws {
        let text = "{" + (0..<10_000).map { "\"k\($0)\": 1" }.joined(separator: ", ") + "}"
        func cpu() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = cpu()
        #expect(throws: ScenarioError.self) { try AnswersReader.decode(text: text, file: "a.json") }
        let seconds = cpu() - start
        #expect(seconds < 1, "\(seconds) s")
        do {
            _ = try AnswersReader.decode(text: text, file: "a.json")
        } catch {
            #expect(error.diagnostics.count == 10_000)
            #expect(error.diagnostics.last?.message.hasPrefix("unknown key \"k9999\"; expected one of \"teamSize\"") == true)
        }
    }
}

