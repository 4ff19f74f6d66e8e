enum Sprig { static let all: [TemplateFunction] = [] }
