import ArgumentParser
import Headroom
import HeadroomRunner

/// `headroom schema`: print the JSON Schema of the scenario format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the scenario format, for editors and other tools.",
        discussion: """
            The schema is the one committed as docs/scenario.schema.json. Point your editor at it \
            (VS Code: the json.schemas setting, or a "$schema" key in the scenario file) to get \
            completion, descriptions and checks while you type.

            Examples:
              headroom schema
              headroom schema --output scenario.schema.json
            """
    )

    @Option(name: .shortAndLong, help: "Write the schema to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try ScenarioRunner.write(ScenarioSchema.text(), to: output)
    }
}
