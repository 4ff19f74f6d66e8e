/// Sprig's hermetic text functions (`sprig.HermeticTxtFuncMap()`, Sprig v3.3), the set Flux's
/// image-automation-controller gives commit message templates: every Sprig text function except
/// those that read the clock, randomness, the environment or the network (`date`, `now`,
/// `dateModify`, `randAlpha`, `uuidv4`, `env`, `getHostByName`, …).
///
/// The date functions (`toDate`, `ago`, …) take the current time from
/// ``TemplateLimits/now``, and `randInt` and `shuffle` their random numbers from
/// ``TemplateLimits/randomSeed``, so rendering stays pure. The key, certificate, password and
/// AES functions (`genCA`, `genPrivateKey`, `derivePassword`, `bcrypt`, `htpasswd`,
/// `encryptAES`, …) parse but fail when called.
enum Sprig {
    static let all: [TemplateFunction] =
        strings + conversions + lists + dicts + math + defaults + encodings + regexes + versions + reflection + paths + dates + urls + random
        + unsupported

    /// A function with typed parameters.
    static func function(
        _ name: String, _ parameters: [GoType], variadic: GoType? = nil, result: GoType,
        _ body: @escaping @Sendable (FunctionCall) throws(TemplateFunctionError) -> TemplateValue
    ) -> TemplateFunction {
        TemplateFunction(name, FunctionSignature(parameters.map { .typed($0) }, variadic: variadic.map { .typed($0) }, result: result), body)
    }

    /// The same function under another name (Sprig's aliases such as `tuple`, `push`, `biggest`).
    static func alias(_ name: String, of function: TemplateFunction) -> TemplateFunction {
        TemplateFunction(name, function.signature) { call throws(TemplateFunctionError) in try function.invoke(call.arguments, limits: call.limits, random: call.random) }
    }

    /// A Go panic from dereferencing nil, as `reflect.TypeOf(nil).Kind()` raises in Sprig's list functions.
    static let nilDereference = TemplateFunctionError("runtime error: invalid memory address or nil pointer dereference")

    /// Go's `reflect.Kind` name of a value (Sprig's messages use it); `nil` for nil.
    static func kind(_ value: TemplateValue) -> String? {
        switch value {
        case .missing, .null: return nil
        default: return value.goType?.kindName
        }
    }

    /// The elements of a slice argument, or Sprig's error `Cannot <operation> on type <kind>`.
    static func elements(_ value: TemplateValue, _ message: (String) -> String) throws(TemplateFunctionError) -> [TemplateValue] {
        guard let kind = kind(value) else { throw nilDereference }
        guard case .slice(let slice) = value else { throw TemplateFunctionError(message(kind)) }
        return slice.elements
    }

    /// A `[]interface {}`.
    static func anyList(_ elements: [TemplateValue]) -> TemplateValue { .slice(TemplateSlice(type: .anySlice, elements)) }

    /// A `[]string`.
    static func stringList(_ elements: [String]) -> TemplateValue { .slice(TemplateSlice(type: .stringSlice, elements.map { .string($0) })) }

    /// Fails when a function would build a string or list larger than the limits allow.
    static func checkSize(_ size: Int, _ call: FunctionCall) throws(TemplateFunctionError) {
        if size > call.limits.maxValueSize {
            throw TemplateFunctionError("the result would hold \(size) elements or bytes, more than the limit of \(call.limits.maxValueSize)")
        }
    }
}
