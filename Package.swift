// swift-tools-version:6.0
import PackageDescription

// Folio: a literate notebook runner with its own neural-network engine.
// One target per concern; see README.md ("Architecture") for the data flow.

/// Release builds of the numeric code skip bounds and overflow checks in hot loops; the interpreter
/// keeps Swift's checks because it reports overflow to the user itself.
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "folio", targets: ["folio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `folio watch` serves the report on localhost; pure Swift, no NIO.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // MARK: - System libraries (Debian packages installed by scripts/setup)
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // MARK: - Notebook → report
        .target(name: "CellOutput"),
        // One budget for a run (time, memory) and one gate for files, shared by every module below.
        .target(name: "RunLimits"),
        // The one seedable random generator, shared by the cell language, the engine and the data.
        .target(name: "Randomness"),
        .target(name: "Notebook", dependencies: ["CCmark", "CellOutput", "RunLimits",
                                                 .product(name: "Yams", package: "Yams")]),
        // Report colours code with the cell language's own lexer.
        .target(name: "Report", dependencies: ["Notebook", "CellOutput", "Script"]),
        .target(name: "Script", dependencies: ["CellOutput", "RunLimits", "Randomness"]),
        .target(name: "Cache", dependencies: ["CellOutput", "Script", "RunLimits"]),
        .target(name: "Runner", dependencies: ["Notebook", "Report", "Script", "Prelude", "CellOutput", "RunLimits",
                                               "Cache"]),
        // `folio grade`: many sandboxed renders of many submissions, one table.
        .target(name: "Grading", dependencies: ["Runner", "Notebook", "CellOutput",
                                                .product(name: "Yams", package: "Yams")]),
        // `folio watch`: re-render on save, serve the page on localhost, reload it by server-sent events.
        .target(name: "Watch", dependencies: ["Runner", "Report", "Notebook", "CellOutput",
                                              .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "folio", dependencies: [
            "Runner", "Grading", "Watch", "RunLimits", "CellOutput", "Notebook", "Cache",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Engine
        // C kernels built for several instruction sets and picked at run time (see CKernels.h).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3"])]),
        .target(name: "Tensor", dependencies: ["CBLAS", "CKernels", "Randomness"], swiftSettings: fastMath),
        .target(name: "Learn", dependencies: ["Tensor", "CKernels", "RunLimits", "CellOutput"],
                swiftSettings: fastMath),

        // MARK: - Charts
        .target(name: "Charts", dependencies: ["CZlib", "CellOutput"]),

        // MARK: - Data
        .target(name: "Datasets", dependencies: ["CZlib", "CKernels", "RunLimits", "Randomness"]),
        .executableTarget(name: "DatasetsBench", dependencies: ["Datasets"], path: "scripts/bench-workloads/data",
                          exclude: ["load_fashion_mnist.py", "README.md"]),
        // Counts the bench process's heap allocations (`EngineBench allocations`) by replacing malloc and kin.
        .target(name: "CAllocationCount", path: "scripts/bench-workloads/allocation-count"),
        .executableTarget(name: "EngineBench", dependencies: ["Learn", "Tensor", "Datasets", "CAllocationCount"],
                          path: "scripts/bench-workloads/engine",
                          exclude: ["reference.py", "perf_breakdown.py", "first_output.py", "fashion_notebook.py",
                                    "README.md"],
                          swiftSettings: fastMath),

        // MARK: - The cell language's library: joins the language to the engine, data and charts
        .target(name: "Prelude", dependencies: ["Script", "CellOutput", "Learn", "Tensor", "Datasets", "Charts",
                                                "RunLimits", "Randomness"]),

        // MARK: - Tests
        .target(name: "FolioTestSupport", dependencies: ["Runner", "Notebook", "Report", "CellOutput"],
                path: "Tests/FolioTestSupport"),
        .target(name: "GoldenSupport", path: "Tests/GoldenSupport"),
        .testTarget(name: "CellOutputTests", dependencies: ["CellOutput"]),
        .testTarget(name: "RunLimitsTests", dependencies: ["RunLimits"]),
        .testTarget(name: "ScriptTests", dependencies: ["Script", "GoldenSupport", "RunLimits", "Randomness"],
                    exclude: ["Programs"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "FolioTestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "FolioTestSupport"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "CKernels"]),
        .testTarget(name: "LearnTests", dependencies: ["Learn", "Tensor"], exclude: ["Fixtures"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CellOutput", "CZlib"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "CZlib", "Randomness"]),
        .testTarget(name: "PreludeTests", dependencies: ["FolioTestSupport", "CellOutput", "Report"]),
        .testTarget(name: "GradingTests",
                    dependencies: ["Grading", "Runner", "Notebook", "Prelude", "FolioTestSupport"]),
        .testTarget(name: "RunnerTests",
                    dependencies: ["Runner", "FolioTestSupport", "GoldenSupport", "RunLimits", "Report", "CellOutput"],
                    exclude: ["Golden", "Hostile"]),
        .testTarget(name: "WatchTests", dependencies: ["Watch", "Runner", "FolioTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

// MARK: - Fuzzing
// libFuzzer targets, declared only when FOLIO_FUZZ=1 so that `swift build` and `swift test` never
// see them; `scripts/fuzz` builds them with -sanitize=fuzzer into .build-fuzz (see Fuzz/README.md).
if Context.environment["FOLIO_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("lexer-parser", ["Script"]),
        ("notebook", ["Notebook"]),
        ("idx", ["Datasets"]),
        ("csv", ["Datasets"]),
        ("npy", ["Datasets"]),
        ("bitmap-text", ["Datasets"]),
        ("gzip", ["Datasets"]),
        ("safetensors", ["Learn"]),
    ]
    package.targets.append(.target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"))
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["CFuzzDriver"], path: "Fuzz/Support"))
    for target in fuzzTargets {
        package.targets.append(.executableTarget(name: "fuzz-\(target.name)",
                                                 dependencies: target.dependencies + ["FuzzSupport"],
                                                 path: "Fuzz/Targets/\(target.name)"))
    }
}
