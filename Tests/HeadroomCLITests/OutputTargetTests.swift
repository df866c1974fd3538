import Foundation
import Testing

/// Where `--output`, `-o`, `--write-scenario` and `--emit-json` write: any file name, `-` for
/// standard output, special files written in place, symbolic links followed, permissions kept,
/// and no temporary file left behind by a signal.
@Suite("output targets, end to end", .serialized)
struct OutputTargetTests {
    /// A short run that meets its SLA (exit 0), so each test can check the status too.
    static let quickRun = ["run", CLI.root.appendingPathComponent("Scenarios/startup-mvp.json").path, "--duration", "1m", "--warmup", "5s", "--format", "json"]

    /// The report `quickRun` prints on standard output.
    static let printed: String = (try? CLI.run(quickRun).stdout) ?? ""

    /// Runs `headroom` in `directory` (so relative names land there).
    static func run(_ arguments: [String], in directory: URL) throws -> CLI.Output {
        try CLI.run(arguments, in: directory)
    }

    static func contents(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    static func type(_ path: String) throws -> FileAttributeType? {
        try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
    }

    @Test("one-character file names are files like any other", arguments: ["x", "~", "é", ".x", "0"])
    func shortNames(_ name: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.run(Self.quickRun + ["-o", name], in: dir)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == Self.printed)
        #expect(try Self.contents(dir) == [name])
    }

    @Test("-o - and --output - mean standard output", arguments: [["-o", "-"], ["--output", "-"], ["--output=-"]])
    func dash(_ option: [String]) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.run(Self.quickRun + option, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.printed)
        #expect(try Self.contents(dir).isEmpty)
        let schema = try Self.run(["schema", "-o", "-"], in: dir)
        #expect(schema.status == 0)
        #expect(schema.stdout == (try CLI.run(["schema"]).stdout))
    }

    @Test("a directory as the output is a failure naming it, exit 1", arguments: [".", "..", "/", "sub", "sub/"])
    func directory(_ name: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let result = try Self.run(Self.quickRun + ["-o", name], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write \(name): Is a directory\n")
        #expect(try Self.contents(dir) == ["sub"])
    }

    @Test("--write-scenario takes short names; - is refused, since standard output carries the advice")
    func writeScenario() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let answers = CLI.root.appendingPathComponent("Tests/HeadroomCLITests/Fixtures/advisor/demo.json").path
        let short = try Self.run(["advise", "--answers", answers, "--write-scenario", "s"], in: dir)
        #expect(short.status == 0, "\(short.stderr)")
        #expect(try Self.contents(dir) == ["s"])
        let dash = try Self.run(["advise", "--answers", answers, "--write-scenario", "-"], in: dir)
        #expect(dash.status == 2)
        #expect(dash.stderr.hasPrefix("Error: --write-scenario -: standard output carries the advice; give a file name (headroom run FILE runs it)\n"))
        #expect(try Self.contents(dir) == ["s"])
    }

    @Test("a device is written in place, not replaced: /dev/null takes the report, /dev/full refuses it")
    func devices() throws {
        let null = try CLI.run(Self.quickRun + ["-o", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        #expect(try Self.type("/dev/null") == .typeCharacterSpecial)
        let full = try CLI.run(Self.quickRun + ["-o", "/dev/full"])
        #expect(full.status == 1)
        #expect(full.stderr == "error: cannot write /dev/full: No space left on device\n")
        #expect(try Self.type("/dev/full") == .typeCharacterSpecial)
    }

    @Test("a named pipe is written in place: its reader gets the report")
    func fifo() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        let result = try CLI.run(Self.quickRun + ["-o", fifo])
        let received = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(received == Self.printed)
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try Self.contents(dir) == ["pipe"])
    }

    @Test("a symbolic link is followed: the link stays, its target gets the report")
    func symlink() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = FileManager.default
        try "old\n".write(to: dir.appendingPathComponent("target.json"), atomically: false, encoding: .utf8)
        try files.createDirectory(at: dir.appendingPathComponent("links"), withIntermediateDirectories: false)
        // A relative link in another directory, pointing to a link: both hops are followed.
        try files.createSymbolicLink(atPath: dir.appendingPathComponent("links/first").path, withDestinationPath: "../second")
        try files.createSymbolicLink(atPath: dir.appendingPathComponent("second").path, withDestinationPath: "target.json")
        let result = try Self.run(Self.quickRun + ["-o", "links/first"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try files.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("links/first").path) == "../second")
        #expect(try files.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("second").path) == "target.json")
        #expect(try String(contentsOf: dir.appendingPathComponent("target.json"), encoding: .utf8) == Self.printed)
        #expect(try Self.contents(dir) == ["links", "second", "target.json"])
        // A dangling link: its target is created.
        try files.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "made.json")
        let dangling = try Self.run(Self.quickRun + ["-o", "dangling"], in: dir)
        #expect(dangling.status == 0, "\(dangling.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("made.json"), encoding: .utf8) == Self.printed)
        // A loop is an error, not a hang.
        try files.createSymbolicLink(atPath: dir.appendingPathComponent("loop").path, withDestinationPath: "loop")
        let loop = try Self.run(Self.quickRun + ["-o", "loop"], in: dir)
        #expect(loop.status == 1)
        #expect(loop.stderr == "error: cannot write loop: Too many levels of symbolic links\n")
    }

    @Test("an existing file keeps its permissions; a new one gets 0666 minus the umask", arguments: [0o600, 0o640, 0o604, 0o755])
    func permissions(_ mode: Int) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("results.json").path
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old".utf8), attributes: [.posixPermissions: mode]))
        let result = try CLI.run(Self.quickRun + ["-o", target])
        #expect(result.status == 0, "\(result.stderr)")
        let kept = try Self.mode(target)
        #expect(kept == mode, "mode \(String(mode, radix: 8)) became \(String(kept, radix: 8))")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == Self.printed)
        let fresh = dir.appendingPathComponent("fresh.json").path
        let made = try CLI.run(["schema", "-o", fresh])
        #expect(made.status == 0)
        // The child inherits this process's umask.
        let mask = umask(0)
        umask(mask)
        #expect(try Self.mode(fresh) == 0o666 & ~Int(mask))
    }

    @Test("a name too long for the file system is an error with the reason, exit 1")
    func longName() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "n", count: 300)
        let result = try Self.run(Self.quickRun + ["-o", name], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write \(name): File name too long\n")
        #expect(try Self.contents(dir).isEmpty)
        // 250 bytes is a legal name; its temporary file's name is shortened to fit.
        let legal = String(repeating: "l", count: 250)
        let ok = try Self.run(Self.quickRun + ["-o", legal], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try Self.contents(dir) == [legal])
    }
}
