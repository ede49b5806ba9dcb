import Foundation
import Testing

@testable import KubeLedgerConfig

/// Bad input must give issues, never a crash: these run the loader over damaged copies of the example.
@Suite struct RobustnessTests {
    let environment = ["CT_PAT_ID": "id", "CT_PAT_SECRET": "secret"]

    func example() throws -> String {
        try String(contentsOfFile: try FixtureFile.path("config-example.yaml"), encoding: .utf8)
    }

    /// Loads the text; true when it was accepted, false when refused with at least one issue.
    func accepted(_ yaml: String) -> Bool {
        do {
            _ = try ConfigLoader.parse(yaml: yaml, file: "k.yaml", environment: environment)
            return true
        } catch {
            #expect(!error.issues.isEmpty)
            return false
        }
    }

    @Test("every truncation of the example loads or fails with issues")
    func truncations() throws {
        let text = try example()
        for length in stride(from: 0, through: text.count, by: 7) {
            _ = accepted(String(text.prefix(length)))
        }
        #expect(accepted(text))
    }

    @Test("deleting any one line of the example loads or fails with issues")
    func lineDeletions() throws {
        let lines = try example().components(separatedBy: "\n")
        for index in lines.indices {
            var damaged = lines
            damaged.remove(at: index)
            _ = accepted(damaged.joined(separator: "\n"))
        }
    }

    @Test(
        "odd YAML shapes are reported, not trusted",
        arguments: [
            "store: { path: x }\nclusters:\n  - { name: a, architecture: devtest, prometheus: { url: http://p }, iaas: { type: file, path: f } }\n? [a, b]\n: c\n",
            "store: &s { path: x }\ncatalog: *s\nclusters: {}\n",
            "store: !!int nope\nclusters: [1, [2], ~]\n",
            "---\nstore: { path: x }\n---\nclusters: []\n",
            "store:\n\tpath: x\n",
            "\u{FEFF}store: { path: \"\\u0000\" }\nclusters: null\n",
        ]
    )
    func oddShapes(yaml: String) {
        #expect(!accepted(yaml))
    }
}
