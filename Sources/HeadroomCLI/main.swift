import HeadroomRunner

// Exit codes and error printing are shared with Swift scenario executables (HeadroomRunner).
ExitStatus.exit(running: {
    var command = try HeadroomCommand.parseAsRoot()
    try command.run()
}, command: HeadroomCommand.self)
