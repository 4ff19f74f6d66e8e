/// The functions a template may call, by name.
///
/// ``builtins`` holds Go's builtins; ``sprig`` adds Sprig's hermetic text functions as
/// Flux's image-automation-controller registers them (where a Sprig function has the name of a
/// builtin, `slice`, Sprig's wins, as in Go's `Funcs`).
public struct TemplateFunctions: Sendable {
    private var table: [String: TemplateFunction]
    private var builtinNames: Set<String>

    /// Go's builtin functions: `and`, `or`, `not`, `len`, `index`, `slice`, `print`,
    /// `printf`, `println`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `html`, `js`, `urlquery`, `call`.
    public static let builtins: TemplateFunctions = {
        var functions = TemplateFunctions(table: [:], builtinNames: [])
        for function in Builtins.all {
            functions.table[function.name] = function
            functions.builtinNames.insert(function.name)
        }
        return functions
    }()

    /// Go's builtins plus Sprig's hermetic text functions (Flux's `sprig.HermeticTxtFuncMap()`).
    public static let sprig: TemplateFunctions = builtins.adding(Sprig.all)

    private init(table: [String: TemplateFunction], builtinNames: Set<String>) {
        self.table = table
        self.builtinNames = builtinNames
    }

    /// These functions plus `functions`, which replace builtins of the same name.
    public func adding(_ functions: [TemplateFunction]) -> TemplateFunctions {
        var copy = self
        for function in functions {
            copy.table[function.name] = function
            copy.builtinNames.remove(function.name)
        }
        return copy
    }

    /// The function called `name`.
    public func function(named name: String) -> TemplateFunction? { table[name] }

    /// Whether `name` is one of Go's builtins (not replaced by a function of that name).
    func isBuiltin(_ name: String) -> Bool { builtinNames.contains(name) }

    /// Every function name, sorted.
    public var names: [String] { table.keys.sorted() }
}
