import FerryCore
import Testing

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(FerryCore.version.split(separator: ".").count == 3)
    }
}
