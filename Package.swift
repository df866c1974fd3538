// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Headroom",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Headroom", targets: ["Headroom"]),
        .library(name: "HeadroomRunner", targets: ["HeadroomRunner"]),
        .executable(name: "headroom", targets: ["HeadroomCLI"]),
        .executable(name: "headroom-benchmarks", targets: ["HeadroomBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.1.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "HeadroomEngine", dependencies: ["CGSL"]),
        .target(name: "HeadroomScenario"),
        .target(
            name: "HeadroomModel",
            dependencies: [
                "HeadroomEngine", "HeadroomScenario",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "HeadroomAnalysis",
            dependencies: [
                "HeadroomEngine", "HeadroomScenario", "HeadroomModel",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(name: "HeadroomReports", dependencies: ["HeadroomAnalysis", "HeadroomScenario"]),
        .target(name: "HeadroomAdvisor", dependencies: ["HeadroomScenario", "HeadroomAnalysis"]),
        .target(
            name: "Headroom",
            dependencies: ["HeadroomEngine", "HeadroomScenario", "HeadroomModel", "HeadroomAnalysis", "HeadroomReports", "HeadroomAdvisor"]
        ),
        .target(
            name: "HeadroomRunner",
            dependencies: ["Headroom", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "HeadroomCLI",
            dependencies: [
                "Headroom", "HeadroomRunner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Swift scenario examples (Scenarios/Swift/<Name>/main.swift): built with everything else, run by `make examples`.
        .executableTarget(name: "StartupMVP", dependencies: ["Headroom", "HeadroomRunner"], path: "Scenarios/Swift/StartupMVP"),
        .executableTarget(
            name: "ProductionArchitecture", dependencies: ["Headroom", "HeadroomRunner"], path: "Scenarios/Swift/ProductionArchitecture"),
        .target(name: "CAllocationCounter", path: "Benchmarks/CAllocationCounter"),
        .executableTarget(
            name: "HeadroomBenchmarks",
            dependencies: ["HeadroomEngine", "HeadroomModel", "HeadroomScenario", "HeadroomAnalysis", "HeadroomReports", "CAllocationCounter"],
            path: "Benchmarks/HeadroomBenchmarks"
        ),
        .testTarget(name: "HeadroomEngineTests", dependencies: ["HeadroomEngine"]),
        .testTarget(name: "HeadroomScenarioTests", dependencies: ["HeadroomScenario"]),
        .testTarget(name: "HeadroomModelTests", dependencies: ["HeadroomModel", "HeadroomAnalysis", "HeadroomScenario", "HeadroomEngine"]),
        .testTarget(name: "HeadroomAnalysisTests", dependencies: ["HeadroomAnalysis", "HeadroomModel", "HeadroomScenario", "HeadroomEngine"]),
        .testTarget(name: "HeadroomReportsTests", dependencies: ["HeadroomReports", "HeadroomAnalysis", "HeadroomScenario", "HeadroomModel"]),
        .testTarget(name: "HeadroomAdvisorTests", dependencies: ["HeadroomAdvisor", "Headroom"]),
        .testTarget(
            name: "HeadroomCLITests",
            dependencies: ["Headroom", "HeadroomCLI", "HeadroomRunner"],
            exclude: ["Golden", "Fixtures"]
        ),
    ]
)
