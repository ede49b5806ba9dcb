// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "kubeledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kubeledger", targets: ["kubeledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
    ],
    targets: [
        // Shared vocabulary of every stage: hours, facts, identifiers. No dependencies.
        .target(name: "KubeLedgerCore", swiftSettings: swiftSettings),
        // The one YAML configuration file, loaded and validated.
        .target(
            name: "KubeLedgerConfig",
            dependencies: ["KubeLedgerCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Stage 1: where data comes from (Prometheus, IaaS, OpenCost, files).
        .target(
            name: "KubeLedgerSources",
            dependencies: ["KubeLedgerCore", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: swiftSettings
        ),
        // The ingest jobs: sources into the store, with watermarks.
        .target(
            name: "KubeLedgerIngest",
            dependencies: ["KubeLedgerCore", "KubeLedgerConfig", "KubeLedgerSources", "KubeLedgerStore", "KubeLedgerPricing", .product(name: "Logging", package: "swift-log"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Stage 2: the time-series SQLite store.
        .target(
            name: "KubeLedgerStore",
            dependencies: [
                "KubeLedgerCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Stage 3: pure engines, free of I/O.
        .target(name: "KubeLedgerPricing", dependencies: ["KubeLedgerCore", "KubeLedgerConfig"], swiftSettings: swiftSettings),
        // Outputs: invoices (FOCUS CSV), summaries and reconciliation, from the store.
        .target(
            name: "KubeLedgerReports",
            dependencies: ["KubeLedgerCore", "KubeLedgerConfig", "KubeLedgerPricing", "KubeLedgerCapacity", "KubeLedgerStore", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: swiftSettings
        ),
        .target(name: "KubeLedgerCapacity", dependencies: ["KubeLedgerCore"], swiftSettings: swiftSettings),
        // Stage 4: outputs over HTTP.
        .target(
            name: "KubeLedgerServer",
            dependencies: [
                "KubeLedgerCore", "KubeLedgerConfig", "KubeLedgerStore", "KubeLedgerReports", "KubeLedgerIngest", "KubeLedgerPricing",
                "KubeLedgerCapacity", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test data and the demo: a deterministic simulated cluster.
        .target(
            name: "KubeLedgerSimulator",
            dependencies: ["KubeLedgerCore", "KubeLedgerSources", "KubeLedgerStore"],
            swiftSettings: swiftSettings
        ),
        // Test support: a real Prometheus over simulated data.
        .target(
            name: "KubeLedgerTesting",
            dependencies: ["KubeLedgerSimulator", "KubeLedgerSources"],
            swiftSettings: swiftSettings
        ),
        // Stage 5: the command line.
        .executableTarget(
            name: "kubeledger",
            dependencies: [
                "KubeLedgerCore", "KubeLedgerConfig", "KubeLedgerSources", "KubeLedgerStore", "KubeLedgerIngest",
                "KubeLedgerPricing", "KubeLedgerReports", "KubeLedgerCapacity", "KubeLedgerServer", "KubeLedgerSimulator", "KubeLedgerTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerCoreTests", dependencies: ["KubeLedgerCore"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerPricingTests", dependencies: ["KubeLedgerPricing", "KubeLedgerConfig", "KubeLedgerCore", "KubeLedgerSimulator"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerCapacityTests", dependencies: ["KubeLedgerCapacity", "KubeLedgerCore"], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerReportsTests",
            dependencies: ["KubeLedgerReports", "KubeLedgerIngest", "KubeLedgerPricing", "KubeLedgerCapacity", "KubeLedgerStore", "KubeLedgerConfig", "KubeLedgerCore", "KubeLedgerSimulator"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerConfigTests", dependencies: ["KubeLedgerConfig", "KubeLedgerCore"],
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerStoreTests",
            dependencies: ["KubeLedgerStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerSimulatorTests",
            dependencies: ["KubeLedgerSimulator", "KubeLedgerStore", "KubeLedgerCore", "KubeLedgerTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerSourcesTests",
            dependencies: ["KubeLedgerSources", "KubeLedgerCore", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")],
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerIngestTests",
            dependencies: ["KubeLedgerIngest", "KubeLedgerSimulator", "KubeLedgerStore", "KubeLedgerSources", "KubeLedgerConfig", "KubeLedgerCore", "KubeLedgerTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeLedgerServerTests",
            dependencies: ["KubeLedgerServer", "KubeLedgerStore", "KubeLedgerConfig", "KubeLedgerCore", "KubeLedgerSimulator", "KubeLedgerIngest",
                           .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "kubeledgerTests", dependencies: ["kubeledger", "KubeLedgerTesting", "KubeLedgerSimulator", "KubeLedgerStore", "KubeLedgerCore", "KubeLedgerConfig"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings
        ),
    ]
)
