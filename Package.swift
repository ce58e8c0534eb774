// swift-tools-version:6.1
import PackageDescription

// Dependency arrows point down only: Web → App → Store → Core; App → Files → Core.
// Each target lists only the modules it may import; the web reaches the database only through
// the use cases of QudaoApp (LayeringTests also fails on an `import QudaoStore` in QudaoWeb, which
// SwiftPM would otherwise let through once the module is built).
let package = Package(
    name: "Qudao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "qudao", targets: ["qudao"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(name: "QudaoCore"),
        // Cairo, the system library PDFs are drawn with.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // Spreadsheet, text and PDF file formats; depends on the domain only for Money.
        .target(
            name: "QudaoFiles",
            dependencies: ["QudaoCore", "CCairo", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "QudaoStore",
            dependencies: [
                "QudaoCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "QudaoApp",
            dependencies: [
                "QudaoCore",
                "QudaoStore",
                "QudaoFiles",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "QudaoWeb",
            dependencies: [
                "QudaoCore",
                "QudaoApp",
                "QudaoFiles",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "qudao",
            dependencies: [
                "QudaoCore",
                "QudaoFiles",
                "QudaoStore",
                "QudaoApp",
                "QudaoWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Run on demand (`swift run -c release SettlementBenchmark`); results in docs/PERFORMANCE.md.
        .executableTarget(
            name: "SettlementBenchmark",
            dependencies: ["QudaoCore", "QudaoStore", "QudaoApp", "QudaoTestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/SettlementBenchmark"
        ),
        // Run on demand (`swift run -c release GradingBenchmark`); results in docs/PERFORMANCE.md.
        .executableTarget(
            name: "GradingBenchmark",
            dependencies: ["QudaoCore", "QudaoStore", "QudaoApp", "QudaoTestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/GradingBenchmark"
        ),
        // Run on demand (`swift run -c release DashboardBenchmark`); results in docs/PERFORMANCE.md.
        .executableTarget(
            name: "DashboardBenchmark",
            dependencies: [
                "QudaoCore", "QudaoStore", "QudaoApp", "QudaoTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Benchmarks/DashboardBenchmark"
        ),
        // Run on demand (`swift run -c release BankImportBenchmark`); results in docs/PERFORMANCE.md.
        .executableTarget(
            name: "BankImportBenchmark",
            dependencies: [
                "QudaoCore", "QudaoStore", "QudaoApp", "QudaoTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Benchmarks/BankImportBenchmark"
        ),
        // Run on demand (`swift run -c release WebhookBenchmark`); results in docs/PERFORMANCE.md.
        .executableTarget(
            name: "WebhookBenchmark",
            dependencies: [
                "QudaoCore", "QudaoStore", "QudaoApp", "QudaoWeb", "QudaoTestSupport", .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "Benchmarks/WebhookBenchmark"
        ),
        // Shared by the test targets: throwaway databases on SQLite and PostgreSQL.
        .target(
            name: "QudaoTestSupport",
            dependencies: [
                "QudaoCore", "QudaoStore", "QudaoApp", "QudaoFiles", .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Tests/QudaoTestSupport"
        ),
        .testTarget(
            name: "QudaoCoreTests",
            dependencies: [
                "QudaoCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "QudaoFilesTests",
            dependencies: ["QudaoCore", "QudaoFiles", "QudaoTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "QudaoStoreTests",
            dependencies: ["QudaoCore", "QudaoStore", "QudaoTestSupport", .product(name: "SQLKit", package: "sql-kit")]
        ),
        .testTarget(
            name: "QudaoAppTests",
            dependencies: [
                "QudaoCore", "QudaoStore", "QudaoApp", "QudaoTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "QudaoWebTests",
            dependencies: [
                "QudaoCore",
                "QudaoFiles",
                "QudaoStore",
                "QudaoApp",
                "QudaoWeb",
                "QudaoTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            // The golden pages are read from the source tree by path, not bundled.
            exclude: ["__Golden__"]
        ),
    ]
)
