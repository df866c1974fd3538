/// The three architectures the advisor chooses between, in the seed's order — which is also the
/// tie-break order: on equal points the earlier one wins (see ``Scoreboard``).
public enum Architecture: String, CaseIterable, Hashable, Sendable, Comparable {
    /// One application, one deployable, one database.
    case monolithic
    /// Independently deployed services, each with its own data.
    case microservices
    /// Functions on a managed platform that scales them per request.
    case serverless

    /// The name as printed: "Monolithic".
    public var title: String {
        switch self {
        case .monolithic: "Monolithic"
        case .microservices: "Microservices"
        case .serverless: "Serverless"
        }
    }

    /// Why this architecture suits the team, as the seed's advisor explains it.
    public var reasons: [String] {
        switch self {
        case .monolithic:
            ["Simpler to develop and deploy initially", "Lower operational complexity",
             "Better for smaller teams and user bases", "Faster initial development and testing"]
        case .microservices:
            ["Better for large teams and user bases", "Independent scaling of components",
             "Technology diversity across services", "Fault isolation and resilience"]
        case .serverless:
            ["Pay-per-use cost model", "Automatic scaling to zero", "Reduced operational overhead",
             "Good for variable or event-driven workloads"]
        }
    }

    /// When to prefer this architecture instead of the recommended one (the seed's "consider alternatives if").
    public var preferIf: String {
        switch self {
        case .monolithic: "team is small, simple requirements, need fast delivery"
        case .microservices: "large team, complex domain, different scaling needs"
        case .serverless: "event-driven, variable load, minimal ops team"
        }
    }

    /// Declaration order: monolithic < microservices < serverless.
    public static func < (lhs: Architecture, rhs: Architecture) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
