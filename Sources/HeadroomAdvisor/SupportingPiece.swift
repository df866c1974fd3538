/// The supporting pieces of the scaling journey (seed 002, part 6; seed 000's decision matrix).
public enum SupportingPiece: String, CaseIterable, Hashable, Sendable {
    /// The pieces, in the order they are listed (see ``title`` and ``purpose``).
    case loadBalancing, caching, readReplicas, sharding, backgroundQueue, cdn, autoscaling

    /// The name as printed.
    public var title: String {
        switch self {
        case .loadBalancing: "Load balancing"
        case .caching: "Caching"
        case .readReplicas: "Read replicas"
        case .sharding: "Sharding"
        case .backgroundQueue: "Background job queue"
        case .cdn: "CDN"
        case .autoscaling: "Autoscaling"
        }
    }

    /// Whether the simulator models it today, so the starter scenario contains it.
    /// Flip a case to `true` when its component lands and the generator writes it.
    public var isSimulated: Bool { self == .loadBalancing }

    /// What it does for the design, in one line.
    public var purpose: String {
        switch self {
        case .loadBalancing: "spread requests over several app instances; one failing leaves the others serving"
        case .caching: "serve repeated reads from memory (Redis) instead of the database"
        case .readReplicas: "send reads to replicas, keep writes on the primary (replication lag ~50-100 ms)"
        case .sharding: "split data over several databases by user id"
        case .backgroundQueue: "answer at once and run slow work on workers from a queue, with retries"
        case .cdn: "serve static content and large responses from the edge"
        case .autoscaling: "add instances above 70 % CPU or 80 % of request capacity, remove below 30 %; cooldowns 5/10 min"
        }
    }
}

/// A recommended supporting piece and the answer that triggered it.
public struct PieceRecommendation: Hashable, Sendable {
    /// The piece.
    public var piece: SupportingPiece
    /// Why: the answers and the threshold they crossed.
    public var trigger: String
    /// Whether the starter scenario contains it (a serverless design has no load balancer of
    /// its own: the platform spreads the invocations).
    public var inScenario: Bool

    /// A recommendation of `piece` because of `trigger`.
    public init(piece: SupportingPiece, trigger: String, inScenario: Bool? = nil) {
        self.piece = piece
        self.trigger = trigger
        self.inScenario = inScenario ?? piece.isSimulated
    }
}

/// The thresholds that turn answers into supporting pieces (documented in docs/advisor.md).
public enum SupportingPieces {
    /// Daily active users from which repeated reads are worth caching (seed 002: phase 3 starts at 1,000 users).
    public static let cachingUsers = 1_000.0
    /// Read share from which caching and replicas pay off.
    public static let readHeavyPercent = 70.0
    /// Daily active users from which the decision matrix adds database scaling and a CDN (seed 000: "Growing SaaS", 10,000+).
    public static let growingUsers = 10_000.0
    /// Requests per second one server carries (seed 002: "a single server maxes out at 1,000 requests/second").
    public static let serverRps = 1_000.0
    /// Stored data from which one database is too small to hold it (ours; the seed says "10M+ records").
    public static let shardingStorageKB = 5e9
    /// Peak bandwidth from which a CDN pays off regardless of users (ours: a 1 Gbps server link).
    public static let cdnBandwidthMbps = 1_000.0

    /// The pieces `answers` call for, in ``SupportingPiece`` order, each with its trigger; for
    /// `architecture` when it is known (serverless functions need no balancer of their own).
    public static func recommend(for answers: AdvisorAnswers, capacity: AnswerCapacity, architecture: Architecture? = nil) -> [PieceRecommendation] {
        let users = answers.number(.dailyActiveUsers)
        let reads = answers.number(.readPercent)
        let usersText = "\(Format.number(users)) daily active users"
        let readsText = "\(Format.number(reads)) % reads"
        var pieces: [PieceRecommendation] = []
        func add(_ piece: SupportingPiece, _ trigger: String) { pieces.append(PieceRecommendation(piece: piece, trigger: trigger)) }

        if architecture == .serverless {
            pieces.append(PieceRecommendation(
                piece: .loadBalancing, trigger: "done by the platform: it spreads invocations over its containers, so the scenario has no balancer of its own",
                inScenario: false))
        } else if capacity.peakRpsExact > serverRps {
            add(.loadBalancing, "peak \(Format.number(capacity.peakRps)) req/s is more than the \(Format.number(serverRps)) req/s one server carries")
        } else {
            add(.loadBalancing, "always: at least two app instances, so that one can fail")
        }
        if users >= cachingUsers, reads >= readHeavyPercent {
            add(.caching, "\(usersText) (≥ \(Format.number(cachingUsers))) with \(readsText) (≥ \(Format.number(readHeavyPercent)) %)")
        }
        if reads >= readHeavyPercent, users >= growingUsers || capacity.peakReadRps >= serverRps {
            let why = users >= growingUsers
                ? "\(usersText) (≥ \(Format.number(growingUsers)))"
                : "peak \(Format.number(capacity.peakReadRps)) reads/s (≥ \(Format.number(serverRps)))"
            add(.readReplicas, "\(why) with \(readsText) (≥ \(Format.number(readHeavyPercent)) %)")
        }
        if capacity.storageKB >= shardingStorageKB {
            add(.sharding, "\(Format.kilobytes(capacity.storageKB)) stored after \(Format.number(answers.number(.retentionYears))) years (≥ \(Format.kilobytes(shardingStorageKB)))")
        } else if capacity.peakWriteRps >= serverRps {
            add(.sharding, "peak \(Format.number(capacity.peakWriteRps)) writes/s (≥ \(Format.number(serverRps))) all land on one primary")
        }
        if answers.choice(.slowOperations).id == "yes" {
            add(.backgroundQueue, "slow operations: \(answers.display(.slowOperations))")
        }
        if users >= growingUsers {
            add(.cdn, "\(usersText) (≥ \(Format.number(growingUsers)))")
        } else if capacity.peakBandwidthMbps >= cdnBandwidthMbps {
            add(.cdn, "peak bandwidth \(Format.number(capacity.peakBandwidthMbps)) Mbps (≥ \(Format.number(cdnBandwidthMbps)))")
        }
        let variability = answers.choice(.trafficVariability)
        if variability.id != "steady" {
            add(.autoscaling, "traffic: \(variability.label)")
        } else if answers.choice(.expectedUsers).id == "variable" {
            add(.autoscaling, "expected users: \(answers.display(.expectedUsers))")
        }
        return pieces
    }
}
