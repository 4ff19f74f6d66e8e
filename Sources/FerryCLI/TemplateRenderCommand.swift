import ArgumentParser
import FerryCore

/// `ferry template …`: Go templates as Flux renders them.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Work with Go templates as Flux renders commit messages.",
        subcommands: [TemplateRenderCommand.self]
    )
}

/// `ferry template render`: render a Go template (with Sprig's hermetic functions) against data.
struct TemplateRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a Go template with Sprig's hermetic functions, as Flux renders a messageTemplate.",
        discussion: """
            Prints exactly the rendered text, adding nothing (no final newline of its own).

            Data, one of:
              --data F.json         any JSON, decoded as Go decodes it into `any`: objects are maps \
            (ranged in sorted key order), arrays are slices, numbers without a fraction or exponent \
            stay integers, null is nil; a missing key prints <no value>.
              --sample              a sample commit with Flux's commit message data: \
            .AutomationObject is flux-system/podinfo; .Changed.FileChanges has \
            apps/podinfo/deployment.yaml (Deployment podinfo/podinfo, image \
            ghcr.io/stefanprodan/podinfo:6.5.0 -> 6.5.1, setter flux-system:podinfo), \
            apps/podinfo/kustomization.yaml (a Kustomization, newTag 6.5.0 -> 6.5.1, setter \
            flux-system:podinfo:tag) and apps/redis/release.yaml (HelmRelease redis/redis, tag \
            7.2.3 -> 7.2.4, setter flux-system:redis:tag); .Values is map[cluster:prod]; \
            .Updated.Images lists docker.io/bitnami/redis:7.2.4 and ghcr.io/stefanprodan/podinfo:6.5.1.
              --commit-data F.json  your own commit, in the form {"AutomationObject": {"Namespace", \
            "Name"}, "Changed": {"FileChanges": [{"file", "objects": [{"object": {"APIVersion", \
            "Kind", "Name", "Namespace"}, "changes": [{"OldValue", "NewValue", "Setter"}]}]}]}, \
            "Values": {…}, "Policies": [{"namespace", "name", "image", "tag", "digest"}]}.
            With none of them, the data is nil. With commit data, an empty template renders \
            Flux's default message, "Update from image update automation".

            Sprig's ago and durationRound measure from --now (default: the current time); randInt \
            and shuffle draw from Go's math/rand seeded with --seed (default: a random seed, so \
            the output is random, as Flux's is). The key, certificate, password and AES functions \
            (genCA, genPrivateKey, bcrypt, htpasswd, derivePassword, encryptAES, …) fail when \
            called: Ferry does not offer them in commit messages.

            Commit data has Flux's fields (.AutomationObject, .Changed.FileChanges, \
            .Changed.Objects, .Changed.Changes, .Values) and Ferry's .Updated (.Updated.Images items \
            print as the new reference and have .ImageName, .OldTag, .NewTag, .Repository, \
            .Identifier; .Updated.Files, .Updated.Objects). --flux-fields leaves .Updated out, so a \
            template that Flux would reject fails here too.

            Exit status: 0 rendered; 2 the template or the data is invalid (the message names the \
            line and column; columns count bytes from 0, as Go's do).

            Examples:
              ferry template render --template msg.tmpl --sample
              ferry template render --template msg.tmpl --data values.json
              ferry template render --template msg.tmpl --commit-data commit.json --flux-fields
              echo '{{ .name | upper }}' | ferry template render --template - --data data.json
              echo '{{ toDate "2006-01-02" "2024-06-01" | ago }}' | ferry template render --template - --now 2024-06-15T12:00:00Z
            """
    )

    @Option(help: ArgumentHelp("The template file ('-' for standard input).", valueName: "file"))
    var template: String

    @Option(help: ArgumentHelp("JSON data, decoded as Go decodes `any`.", valueName: "file"))
    var data: String?

    @Flag(help: "Render against a sample commit's data (described below).")
    var sample = false

    @Option(name: .customLong("commit-data"), help: ArgumentHelp("A commit's data, in the form described below.", valueName: "file"))
    var commitData: String?

    @Flag(name: .customLong("flux-fields"), help: "Commit data with Flux's fields only: .Updated fails as in Flux.")
    var fluxFields = false

    @Option(help: ArgumentHelp("The template's name in error messages.", valueName: "name"))
    var name = CommitMessage.templateName

    @Option(help: ArgumentHelp("The current time for ago and durationRound, RFC 3339 (default: now).", valueName: "time"))
    var now: String?

    @Option(help: ArgumentHelp("The random seed for randInt and shuffle (default: random).", valueName: "n"))
    var seed: Int64?

    func validate() throws {
        let sources = [("--data", data != nil), ("--sample", sample), ("--commit-data", commitData != nil)].filter(\.1).map(\.0)
        if sources.count > 1 { throw ValidationError("give only one of --data, --sample and --commit-data (got \(sources.joined(separator: ", ")))") }
        if fluxFields && !sample && commitData == nil { throw ValidationError("--flux-fields applies to commit data: give --sample or --commit-data") }
        if let now, Timestamp(rfc3339: now) == nil {
            throw ValidationError("--now \(now) is not an RFC 3339 time such as 2024-06-15T12:00:00Z")
        }
    }

    func run() throws {
        let console = Console.current
        var text = try read(template, flag: "--template", console)
        if text.isEmpty && (sample || commitData != nil) { text = CommitMessage.defaultTemplate }
        let parsed: Template
        do {
            parsed = try Template(text, name: name)
        } catch {
            throw CommitFailure.template(template, error.description)
        }
        let value: TemplateValue
        if let data {
            let json = try read(data, flag: "--data", console)
            do {
                value = try TemplateJSON.decode(json)
            } catch {
                throw CommandFailure(.invalidInput, "--data \(data): \(error.description)")
            }
        } else if sample || commitData != nil {
            var commit = CommitTemplateData.sample
            if let commitData {
                let json = try read(commitData, flag: "--commit-data", console)
                do {
                    commit = try CommitTemplateData(json: json)
                } catch {
                    throw CommandFailure(.invalidInput, "--commit-data \(commitData): \(error.description)")
                }
            }
            commit.fields = fluxFields ? .flux : .ferry
            value = commit.templateValue
        } else {
            value = .null
        }
        let limits = TemplateLimits(now: now.flatMap(Timestamp.init(rfc3339:)) ?? SystemClock.now(), randomSeed: seed ?? Int64.random(in: .min ... .max))
        let output: String
        do {
            output = try parsed.render(value, limits: limits)
        } catch {
            if fluxFields, error.message.contains("can't evaluate field Updated in type source.TemplateData") {
                let removed = CommitMessageError(kind: .removedField(".Updated"), underlying: error)
                throw CommitFailure.template(template, "\(removed.description) (\(error.description))")
            }
            throw CommitFailure.template(template, error.description)
        }
        console.writeOutput(output)
    }

    private func read(_ path: String, flag: String, _ console: Console) throws(CommandFailure) -> String {
        let bytes: [UInt8]
        do {
            bytes = path == "-" ? try console.readInput() : try console.readFile(path)
        } catch {
            throw CommandFailure(.invalidInput, "\(flag): \(error.description)")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.elementsEqual(bytes) else { throw CommandFailure(.invalidInput, "\(flag) \(path): not valid UTF-8") }
        return text
    }
}

/// Template failures, on one line.
enum CommitFailure {
    static func template(_ path: String, _ message: String) -> CommandFailure {
        let oneLine = message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
        return CommandFailure(.invalidInput, "--template \(path == "-" ? "(standard input)" : path): \(oneLine)")
    }
}
