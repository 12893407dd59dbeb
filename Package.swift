// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "chatbill",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ChatBillCore", targets: ["ChatBillCore"]),
        .executable(name: "chatbill", targets: ["chatbill"]),
    ],
    dependencies: [
        // Command-line parsing for the `chatbill` tool.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 of every export, so evidence can be tied to the exact file.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Inflates (zlib) the chat inside a .zip export (every iOS export is one) in memory; the
        // archive's table of contents is read by ZipDirectory, which checks every offset.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // SQLite, read-only, for Skype's classic main.db history (and the ledger to come).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // TOML for `chatbill.toml`, the provider's clients and their billing rules.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libxml2 (HTML and XML parsers) through pkg-config; see Sources/CLibXML2/shim.h.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "ChatBillCore",
            dependencies: [
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .executableTarget(
            name: "chatbill",
            dependencies: [
                "ChatBillCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "chatbill-bench",
            dependencies: ["ChatBillCore"]
        ),
        .testTarget(
            name: "ChatBillCoreTests",
            dependencies: ["ChatBillCore"]
        ),
        .testTarget(
            name: "ChatBillCLITests",
            dependencies: ["chatbill"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
