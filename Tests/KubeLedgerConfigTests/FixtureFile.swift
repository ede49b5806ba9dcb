import Foundation

/// Locates the files under `Fixtures/`, copied into the test bundle.
enum FixtureFile {
    static func path(_ name: String) throws -> String {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
        guard let url else { throw FixtureMissing(name: name) }
        return url.path
    }

    /// The directory the fixtures live in, against which their relative paths resolve.
    static func directory() throws -> String {
        URL(fileURLWithPath: try path("minimal.yaml")).deletingLastPathComponent().path
    }

    struct FixtureMissing: Error {
        var name: String
    }
}
