import Testing

@testable import FerryForge

@Suite struct ServerMessageTests {
    @Test(arguments: [
        (#"{"message":"Bad credentials","documentation_url":"x"}"#, "Bad credentials" as String?),
        (#"{"message":"Validation Failed","errors":[{"resource":"PullRequest","code":"custom","message":"A pull request already exists for o:b."}]}"#,
         "Validation Failed; A pull request already exists for o:b."),
        (#"{"message":"Validation Failed","errors":[{"resource":"PullRequest","field":"head","code":"invalid"}]}"#, "Validation Failed; head invalid"),
        (#"{"message":["Another open merge request already exists for this source branch: !1"]}"#,
         "Another open merge request already exists for this source branch: !1"),
        (#"{"message":{"title":["is too long"],"description":["is bad"]}}"#, "description is bad; title is too long"),
        (#"{"error":"state does not have a valid value"}"#, "state does not have a valid value"),
        (#"{"type":"error","error":{"message":"Bad request","fields":{"source":["branch not found: x"]}}}"#, "Bad request; source branch not found: x"),
        ("not json", nil), ("", nil), ("[1,2]", nil),
    ])
    func messages(_ body: String, _ expected: String?) {
        #expect(ForgeSession.serverMessage(Array(body.utf8)) == expected)
    }

    @Test func longMessagesAreCut() throws {
        let message = try #require(ForgeSession.serverMessage(Array(#"{"message":"\#(String(repeating: "x", count: 400))"}"#.utf8)))
        #expect(message.count == 300)
    }
}
