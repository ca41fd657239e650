import Foundation
import XCTest

/// The result of running the built `folio` executable.
public struct ProcessResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs the `folio` executable that `swift test` built next to the test bundle; `environment` adds to
/// (or replaces) this process's variables.
public func runFolio(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                     line: UInt = #line) throws -> ProcessResult {
    let executable = folioExecutable()
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
        // A missing executable must fail the end-to-end tests, never skip them silently.
        struct MissingExecutable: Error, CustomStringConvertible { var description: String }
        throw MissingExecutable(
            description: "folio executable not found at \(executable.path); build it with `swift build`")
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting, so a chatty process cannot block on a full pipe.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// The `folio` executable that `swift test` built.
public func folioExecutable() -> URL {
    productsDirectory().appendingPathComponent("folio")
}

/// The build folder holding the test bundle and the executables.
func productsDirectory() -> URL {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        return bundle.bundleURL.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
}
