import FerryCore
import Testing

/// Each provider's request for the fixture event, byte for byte as Flux's notifier would build it.
@Suite struct ProviderPayloadTests {
    typealias F = NotificationFixtures
    static let revision = F.revision
    static let message = F.message

    private func only(_ type: ProviderType, _ settings: ProviderSettings, event: FluxEvent = F.event(), commitStatus: String = "")
        throws -> NotificationRequest
    {
        let requests = try ProviderPayloads.requests(for: event, settings: settings, commitStatus: commitStatus)
        try #require(requests.count == 1)
        return requests[0]
    }

    @Test func genericPostsTheEventWithComponentAndCustomHeaders() throws {
        var settings = F.settings(.generic, address: "https://hooks.example.com/flux")
        settings.headers = ["X-Api-Key": "k", "gotk-component": "override"]
        let request = try only(.generic, settings)
        #expect(request.method == "POST")
        #expect(request.url.string == "https://hooks.example.com/flux")
        #expect(F.body(request) == F.eventJSON)
        #expect(request.header("Content-Type") == "application/json")
        #expect(request.header("X-Api-Key") == "k")
        // Custom headers are set after gotk-component, so they win, as in Flux.
        #expect(request.header("gotk-component") == "override")
        #expect(request.header("X-Signature") == nil)
    }

    @Test func genericHMACSignsTheExactBody() throws {
        let request = try only(.genericHMAC, F.settings(.genericHMAC, address: "https://hooks.example.com/flux", token: "s3cr3t-token"))
        #expect(F.body(request) == F.eventJSON)
        #expect(request.header("gotk-component") == "image-reflector-controller")
        // Computed independently: python3 hmac.new(b"s3cr3t-token", body, hashlib.sha256).hexdigest()
        #expect(request.header("X-Signature") == "sha256=5e8b30a62253313602d3a2a24c95adc42cd296b9dfad801e0a9b05378c312102")
    }

    @Test func genericHMACWithoutTokenIsRefused() {
        #expect(throws: NotificationBuildError.self) {
            try ProviderPayloads.requests(for: F.event(), settings: F.settings(.genericHMAC, address: "https://x.example/h"))
        }
    }

    static let slackFields = ##""fields":[{"title":"revision","value":"\##(revision)","short":false},{"title":"summary","value":"production","short":false}]"##

    @Test func slackWebhook() throws {
        let request = try only(.slack, F.settings(.slack, channel: "#general"))
        #expect(F.body(request) == ##"{"channel":"#general","username":"image-reflector-controller","icon_url":"","icon_emoji":"","attachments":[{"color":"good","author_name":"imagepolicy/podinfo.flux-system","text":"\##(Self.message)","mrkdwn_in":["text"],\##(Self.slackFields)}]}"##)
        #expect(request.header("Authorization") == nil)
        #expect(request.responseCheck == .successStatus)
    }

    @Test func slackBotTokenUsesChatPostMessage() throws {
        let settings = F.settings(.slack, address: "https://slack.com/api/chat.postMessage", channel: "C123", username: "Flux", token: "xoxb-1")
        let request = try only(.slack, settings, event: F.event(severity: .error, reason: "ReconciliationFailed"))
        #expect(request.header("Authorization") == "Bearer xoxb-1")
        #expect(request.responseCheck == .slackAPI)
        #expect(F.body(request).hasPrefix(##"{"channel":"C123","username":"Flux","icon_url":"","icon_emoji":"","attachments":[{"color":"danger","##))
    }

    @Test func discordPostsSlackFormatToTheSlackPath() throws {
        let request = try only(.discord, F.settings(.discord, address: "https://discord.com/api/webhooks/123/abc/", channel: "x"))
        #expect(request.url.string == "https://discord.com/api/webhooks/123/abc/slack")
        #expect(F.body(request) == ##"{"channel":"x","username":"image-reflector-controller","icon_url":"","icon_emoji":"","attachments":[{"color":"good","author_name":"imagepolicy/podinfo.flux-system","text":"\##(Self.message)","mrkdwn_in":["text"],\##(Self.slackFields)}]}"##)
        let already = try only(.discord, F.settings(.discord, address: "https://discord.com/api/webhooks/123/abc/slack"))
        #expect(already.url.path == "/api/webhooks/123/abc/slack")
    }

    @Test func rocketUsesItsColours() throws {
        let request = try only(.rocket, F.settings(.rocket, channel: "flux", username: "bot"), event: F.event(severity: .error))
        #expect(F.body(request) == ##"{"channel":"flux","username":"bot","icon_url":"","icon_emoji":"","attachments":[{"color":"#FF0000","author_name":"imagepolicy/podinfo.flux-system","text":"\##(Self.message)","mrkdwn_in":["text"],\##(Self.slackFields)}]}"##)
    }

    @Test func msteamsAdaptiveCard() throws {
        let request = try only(.msteams, F.settings(.msteams, address: "https://prod-00.westus.logic.azure.com/workflows/abc/triggers/manual"))
        #expect(F.body(request) == ##"{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4","body":[{"type":"Container","items":[{"type":"TextBlock","text":"imagepolicy/podinfo.flux-system","size":"large","weight":"bolder","wrap":true},{"type":"TextBlock","text":"\##(Self.message)","wrap":true},{"type":"FactSet","facts":[{"title":"summary","value":"production"},{"title":"revision","value":"\##(Self.revision)"}]}]}],"msteams":{"width":"Full"}}}]}"##)
        let error = try only(.msteams, F.settings(.msteams, address: "https://x.logic.azure.com/w"), event: F.event(severity: .error, metadata: [:]))
        #expect(F.body(error).contains(##"{"type":"TextBlock","text":"\##(Self.message)","color":"attention","wrap":true},{"type":"FactSet"}]"##))
    }

    @Test func msteamsLegacyConnectorForOfficeWebhooks() throws {
        let request = try only(.msteams, F.settings(.msteams, address: "https://contoso.webhook.office.com/webhookb2/abc"),
                               event: F.event(severity: .error))
        #expect(F.body(request) == ##"{"@type":"MessageCard","@context":"http://schema.org/extensions","themeColor":"FF0000","summary":"imagepolicy/podinfo.flux-system","sections":[{"activityTitle":"\##(Self.message)","activitySubtitle":"imagepolicy/podinfo.flux-system","facts":[{"name":"revision","value":"\##(Self.revision)"},{"name":"summary","value":"production"}]}]}"##)
    }

    @Test func googleChatCard() throws {
        let request = try only(.googlechat, F.settings(.googlechat, address: "https://chat.googleapis.com/v1/spaces/X/messages?key=k&token=t"),
                               event: F.event(severity: .error, metadata: ["summary": "prod"]))
        #expect(request.url.query == "key=k&token=t")
        #expect(F.body(request) == ##"{"cards":[{"header":{"title":"imagepolicy/podinfo.flux-system","subtitle":"image-reflector-controller","imageUrl":null,"imageStyle":null},"sections":[{"header":"","widgets":[{"textParagraph":{"text":"\u003cfont color=\"#ff0000\"\u003e\##(Self.message)\u003c/font\u003e"},"keyValue":null}]},{"header":"","widgets":[{"textParagraph":null,"keyValue":{"topLabel":"summary","content":"prod","contentMultiline":false,"bottomLabel":null,"icon":null}}]}]}]}"##)
    }

    @Test func webexMarkdown() throws {
        let request = try only(.webex, F.settings(.webex, address: "https://webexapis.com/v1/messages", channel: "room-1", token: "bot"))
        #expect(request.header("Authorization") == "Bearer bot")
        #expect(F.body(request) == ##"{"roomId":"room-1","markdown":"✅ **imagepolicy/podinfo.flux-system**\n\##(Self.message)\n\u003e**revision**: \##(Self.revision)\n\u003e**summary**: production\n"}"##)
    }

    @Test func telegramSendMessageWithMarkdownV2() throws {
        var settings = F.settings(.telegram, address: "ignored", channel: "-100123:42", token: "123:ABC")
        settings.apiBaseOverride = WebAddress("http://127.0.0.1:9")
        let request = try only(.telegram, settings, event: F.event(metadata: ["summary": "prod-1"]))
        #expect(request.url.string == "http://127.0.0.1:9/bot123:ABC/sendMessage")
        #expect(F.body(request) == ##"{"chat_id":"-100123","message_thread_id":"42","text":"*💫 imagepolicy/podinfo/flux\\-system*\nLatest image tag for ghcr\\.io/stefanprodan/podinfo resolved to 6\\.5\\.4\n\\- *summary*: prod\\-1\n","parse_mode":"MarkdownV2"}"##)
        let real = try only(.telegram, F.settings(.telegram, channel: "1", token: "T"))
        #expect(real.url.string == "https://api.telegram.org/botT/sendMessage")
        #expect(throws: NotificationBuildError.self) { try ProviderPayloads.requests(for: F.event(), settings: F.settings(.telegram, token: "T")) }
    }

    @Test func matrixPutsWithATransactionIDFromTheEvent() throws {
        let request = try only(.matrix, F.settings(.matrix, address: "https://matrix.example.org", channel: "!room:example.org", token: "tok"))
        #expect(request.method == "PUT")
        // SHA-1 of the event JSON, computed independently with python3 hashlib.
        #expect(request.url.path == "/_matrix/client/r0/rooms/!room:example.org/send/m.room.message/7063893ba68f740662811de3a00631d56492b166")
        #expect(request.header("Authorization") == "Bearer tok")
        #expect(F.body(request) == ##"{"body":"💫 imagepolicy/podinfo.flux-system\n\##(Self.message)\n- revision: \##(Self.revision)\n- summary: production\n","msgtype":"m.text"}"##)
    }

    @Test func larkInteractiveCard() throws {
        let request = try only(.lark, F.settings(.lark, address: "https://open.larksuite.com/open-apis/bot/v2/hook/x"), event: F.event(severity: .error))
        #expect(F.body(request) == ##"{"msg_type":"interactive","card":{"config":{"wide_screen_mode":true},"header":{"title":{"tag":"plain_text","content":"🚨 imagepolicy/podinfo.flux-system"},"template":"red"},"elements":[{"tag":"div","text":{"tag":"lark_md","content":"**\##(Self.message)**\n\nrevision: \##(Self.revision)\nsummary: production\n"}}]}}"##)
    }

    @Test func pagerDutyTriggersOnErrors() throws {
        let settings = F.settings(.pagerduty, address: "https://events.pagerduty.com/ignored/path", channel: "routing-key")
        let requests = try ProviderPayloads.requests(for: F.event(severity: .error, reason: "ReconciliationFailed"), settings: settings)
        try #require(requests.count == 1)
        #expect(requests[0].url.string == "https://events.pagerduty.com/v2/enqueue")
        #expect(F.body(requests[0]) == ##"{"routing_key":"routing-key","event_action":"trigger","dedup_key":"\##(F.uid)","payload":{"summary":"reconciliation failed: imagepolicy/podinfo","source":"Flux image-reflector-controller","severity":"error","timestamp":"2026-01-01T00:00:00Z","component":"podinfo","group":"ImagePolicy","custom_details":{"message":"\##(Self.message)","metadata":{"revision":"\##(Self.revision)","summary":"production"}}}}"##)
    }

    @Test func pagerDutyResolvesAndSendsAChangeEventOnInfo() throws {
        let settings = F.settings(.pagerduty, address: "https://events.eu.pagerduty.com", channel: "rk")
        let requests = try ProviderPayloads.requests(for: F.event(metadata: [:]), settings: settings)
        try #require(requests.count == 2)
        #expect(F.body(requests[0]) == ##"{"routing_key":"rk","event_action":"resolve","dedup_key":"\##(F.uid)"}"##)
        #expect(requests[1].url.string == "https://events.eu.pagerduty.com/v2/change/enqueue")
        #expect(F.body(requests[1]) == ##"{"routing_key":"rk","payload":{"source":"Flux image-reflector-controller","summary":"succeeded: imagepolicy/podinfo","timestamp":"2026-01-01T00:00:00Z","custom_details":{"message":"\##(Self.message)","metadata":null}},"links":null}"##)
        #expect(try ProviderPayloads.requests(for: F.event(reason: "Progressing"), settings: settings).isEmpty)
    }

    @Test func opsgenieAlert() throws {
        let request = try only(.opsgenie, F.settings(.opsgenie, address: "https://api.opsgenie.com/v2/alerts", token: "genie"))
        #expect(request.header("Authorization") == "GenieKey genie")
        #expect(F.body(request) == ##"{"message":"ImagePolicy/podinfo","description":"\##(Self.message)","details":{"revision":"\##(Self.revision)","severity":"info","summary":"production"}}"##)
        #expect(throws: NotificationBuildError.self) { try ProviderPayloads.requests(for: F.event(), settings: F.settings(.opsgenie)) }
    }

    @Test func alertmanagerFiringAlert() throws {
        let request = try only(.alertmanager, F.settings(.alertmanager, address: "https://am.example.com/api/v2/alerts", username: "u", password: "p"),
                               event: F.event(severity: .error, reason: "ReconciliationFailed"))
        #expect(request.header("Authorization") == "Basic dTpw")
        #expect(F.body(request) == ##"[{"status":"firing","labels":{"alertname":"FluxImagePolicyReconciliationfailed","kind":"ImagePolicy","name":"podinfo","namespace":"flux-system","reason":"ReconciliationFailed","reportingcontroller":"image-reflector-controller","revision":"\##(Self.revision)","severity":"error"},"annotations":{"message":"\##(Self.message)","summary":"production"},"startsAt":"2026-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]"##)
    }

    @Test func grafanaAnnotation() throws {
        let request = try only(.grafana, F.settings(.grafana, address: "https://grafana.example.com/api/annotations/graphite", token: "glsa"))
        #expect(request.header("Authorization") == "Bearer glsa")
        #expect(F.body(request) == ##"{"when":1767225600,"text":"imagepolicy/podinfo.flux-system","tags":["flux","image-reflector-controller","revision: main@sha1|0123456789abcdef0123456789abcdef01234567","summary: production","kind: ImagePolicy","name: podinfo","namespace: flux-system"]}"##)
        let basic = try only(.grafana, F.settings(.grafana, address: "https://g.example.com/a", username: "admin", password: "pw"))
        #expect(basic.header("Authorization") == "Basic YWRtaW46cHc=")
    }

    @Test(arguments: ["", "/x"]) func unsupportedTypesAreRefused(_: String) {
        #expect(throws: NotificationBuildError.self) {
            try ProviderPayloads.requests(for: F.event(), settings: F.settings(.nats, address: "nats://x"))
        }
    }

    @Test func addressProblemsDoNotPrintTheAddress() {
        do {
            _ = try ProviderPayloads.requests(for: F.event(), settings: F.settings(.slack, address: "hooks.slack.com/services/SECRET"))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("not a valid http(s) URL"))
            #expect(!error.description.contains("SECRET"))
        }
    }
}
