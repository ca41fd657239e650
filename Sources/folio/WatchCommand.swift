import ArgumentParser
import Foundation
import Runner
import Watch

struct WatchNotebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Render a notebook, serve its report on localhost, and re-render and reload it on every save.",
        discussion: """
        The report is written to <output>/<name>.html as by `folio render`; the served page alone carries \
        a small script that reloads it when a new render finishes. A notebook that no longer parses keeps \
        the last good page, with the error shown on top. Ctrl-C stops.
        """
    )

    @Argument(help: "The notebook file (Markdown).")
    var notebook: String

    @Option(help: "Port on 127.0.0.1 to serve on; 0 picks a free one.")
    var port = 8000

    @Flag(help: "Open the page in a browser (xdg-open).")
    var open = false

    @OptionGroup var rendering: RenderingOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard try rendering.formats() == [.html] else {
            throw ValidationError("folio watch writes only the HTML report; use folio render --to for PDF and ipynb")
        }
        // Later a missing file is an editor between delete and rename; at the start it is a typo.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: notebook, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ValidationError("\(notebook): no such notebook file; check the path")
        }
    }

    func run() throws {
        let overrides = rendering.overrides
        var renderer = Renderer(outputDirectory: URL(fileURLWithPath: rendering.output), overrides: overrides,
                                allowErrors: rendering.allowErrors, log: printError)
        // Watching re-renders through the cache, so only the cells an edit touched run again.
        renderer.cacheSettings = rendering.cacheSettings
        renderer.cacheSettings.forced = true
        let store = PageStore()
        let server = try WatchServer(store: store, port: UInt16(port))
        let bound: UInt16
        switch blockingStart(server) {
        case .success(let port): bound = port
        case .failure(let error):
            printError("\(error)")
            throw ExitCode(ExitStatus.badInput.rawValue)
        }
        let url = "http://127.0.0.1:\(bound)/"
        printError("serving \(notebook) at \(url) (Ctrl-C stops)")
        if open { openInBrowser(url) }
        WatchSession(path: notebook, renderer: renderer, store: store).start()
        // The render loop and the server run on their own threads until Ctrl-C, whose handler
        // (SignalCleanup) deletes any half-written report and ends the process.
        while true { sleep(3600) }
    }

    /// The command line is synchronous; the server starts on Swift concurrency's threads.
    private func blockingStart(_ server: WatchServer) -> Result<UInt16, Error> {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Task {
            do { box.result = .success(try await server.start()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return box.result ?? .failure(WatchServerError.cannotListen(UInt16(port), "no answer"))
    }

    private func openInBrowser(_ url: String) {
        let opener = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/xdg-open" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let opener else {
            printError("no xdg-open here: open \(url) in a browser")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { printError("cannot run xdg-open (\(error)): open \(url) in a browser") }
    }
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<UInt16, Error>?
}
