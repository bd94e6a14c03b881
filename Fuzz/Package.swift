// swift-tools-version:6.0
// gen's fuzz harnesses (docs/testing.md, "Fuzzing"). Built only by scripts/fuzz.sh:
// a package of its own, so that `swift build` and `swift test` at the top never build
// them, and so that the sanitizer flags reach gen's libraries and the harnesses but not
// the theme-embedding build tool (its link fails under -sanitize=fuzzer). gen's library
// targets are compiled here from the same sources (Sources/* are links to ../Sources).
import PackageDescription

/// Coverage for libFuzzer and AddressSanitizer on gen's own code.
let instrumented: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]
let instrumentedC: [CSetting] = [.unsafeFlags(["-fsanitize=fuzzer-no-link,address"])]
let linkFuzzer: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]

/// The harnesses: each is `Harnesses/<name>/main.swift`, run by scripts/fuzz.sh <name>.
let harnesses: [(name: String, dependencies: [Target.Dependency])] = [
  ("csv", ["GenCore", "GenData"]),
  ("json", ["GenCore", "GenData"]),
  ("specs", ["GenCore", "GenYAML", "GenData", "GenCharts", "GenSite"]),
  ("markdown", ["GenCore", "GenMarkdown"]),
  ("templates", ["GenCore", "GenTemplates"]),
  ("expressions", ["GenCore", "GenData"]),
  ("datasets", ["GenCore", "GenData", "GenSite"]),
  ("site", ["GenCore", "GenSite"]),
]

let package = Package(
  name: "gen-fuzz",
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .target(name: "CGenSystem", cSettings: instrumentedC),
    .target(name: "GenCore", swiftSettings: instrumented),
    .target(
      name: "GenYAML", dependencies: ["GenCore", .product(name: "Yams", package: "Yams")],
      swiftSettings: instrumented),
    .target(
      name: "GenData", dependencies: ["GenCore", "GenYAML", "CGenSystem"], swiftSettings: instrumented),
    .target(name: "GenMarkdown", dependencies: ["GenCore", "CCmark"], swiftSettings: instrumented),
    .target(
      name: "GenPostgres", dependencies: ["GenCore", "GenData", "CLibPQ"], swiftSettings: instrumented),
    .target(name: "GenCharts", dependencies: ["GenCore", "GenData"], swiftSettings: instrumented),
    .target(
      name: "GenTemplates",
      dependencies: ["GenCore", .product(name: "Mustache", package: "swift-mustache")],
      swiftSettings: instrumented, plugins: ["EmbedTheme"]),
    // Not instrumented: it runs at build time only.
    .executableTarget(name: "ThemeEmbedder"),
    .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
    .target(
      name: "GenSite",
      dependencies: [
        "GenCore", "GenYAML", "GenData", "GenPostgres", "GenMarkdown", "GenCharts", "GenTemplates",
        "CGenSystem", .product(name: "Mustache", package: "swift-mustache"),
      ],
      swiftSettings: instrumented),
    // libFuzzer's driver, declared for Swift, and the loop every harness shares.
    .target(name: "CFuzzDriver", path: "Support/CFuzzDriver"),
    .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", "GenCore"], path: "Support/FuzzSupport"),
  ]
    + harnesses.map { harness in
      .executableTarget(
        name: "fuzz-\(harness.name)", dependencies: ["FuzzSupport"] + harness.dependencies,
        path: "Harnesses/\(harness.name)", swiftSettings: instrumented, linkerSettings: linkFuzzer)
    },
  swiftLanguageModes: [.v6]
)
