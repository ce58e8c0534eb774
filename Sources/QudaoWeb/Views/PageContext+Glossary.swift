import QudaoApp

extension PageContext {
    /// A glossary term in the page's language.
    func t(_ term: Term) -> String { language.t(term) }
}
