// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "gen",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "gen", targets: ["gen"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
  ],
  targets: [
    // The C reference CommonMark library, from the system (Debian: libcmark-dev).
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
    ),
    // libpq, the reference PostgreSQL client, from the system (Debian: libpq-dev).
    .systemLibrary(
      name: "CLibPQ",
      pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
    ),
    // Small system calls Foundation lacks (atomic folder swap, a data file shrinking under its mapping, malloc arenas).
    .target(name: "CGenSystem"),
    // Pure value types shared by every layer: diagnostics, dates, escaping, hashing.
    .target(name: "GenCore"),
    // YAML text to located nodes (front matter, gen.yml, chart specs).
    .target(name: "GenYAML", dependencies: ["GenCore", .product(name: "Yams", package: "Yams")]),
    // Datasets: CSV/JSON loading into typed columns, periods, share metrics, formatting.
    .target(name: "GenData", dependencies: ["GenCore", "GenYAML", "CGenSystem"]),
    // Markdown through libcmark's AST; the only target that imports CCmark.
    .target(name: "GenMarkdown", dependencies: ["GenCore", "CCmark"]),
    // PostgreSQL sources: the rollup query, run through libpq; the only target that imports CLibPQ.
    .target(name: "GenPostgres", dependencies: ["GenCore", "GenData", "CLibPQ"]),
    // SVG charts drawn in Swift.
    .target(name: "GenCharts", dependencies: ["GenCore", "GenData"]),
    // Mustache templates and the built-in default theme.
    .target(
      name: "GenTemplates",
      dependencies: ["GenCore", .product(name: "Mustache", package: "swift-mustache")],
      plugins: ["EmbedTheme"]
    ),
    // Build-time tool and plugin that embed `templates/` (the default theme) in the binary.
    .executableTarget(name: "ThemeEmbedder"),
    .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
    // The site pipeline: load, validate, compute, render, write.
    .target(
      name: "GenSite",
      dependencies: [
        "GenCore", "GenYAML", "GenData", "GenPostgres", "GenMarkdown", "GenCharts", "GenTemplates",
        "CGenSystem",
        // The template contexts name their fields for Mustache themselves (no reflection).
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    // `gen serve`: a local preview server with rebuild and reload.
    .target(
      name: "GenServe",
      dependencies: [
        "GenCore", "GenSite", .product(name: "FlyingFox", package: "FlyingFox"),
        .product(name: "FlyingSocks", package: "FlyingFox"),
      ]
    ),
    // The thin command-line front end.
    .executableTarget(
      name: "gen",
      dependencies: [
        "CGenSystem", "GenCore", "GenData", "GenSite", "GenServe",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "GenTests",
      dependencies: [
        "GenCore", "GenYAML", "GenData", "GenPostgres", "GenMarkdown", "GenCharts", "GenTemplates", "GenSite",
        "GenServe",
      ],
      exclude: []
    ),
  ],
  swiftLanguageModes: [.v6]
)
