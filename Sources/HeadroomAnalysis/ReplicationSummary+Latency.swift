extension ReplicationSummary {
    /// One latency distribution across the replications: at each percentile of
    /// ``LatencyDistribution/percentiles``, the mean latency with its confidence interval.
    public struct LatencyBand: Sendable, Equatable {
        /// The latency at one percentile: mean and confidence interval over the replications, in ms.
        public struct Point: Sendable, Equatable {
            public var percentile: Double
            public var milliseconds: ConfidenceInterval
        }

        /// The request class, or nil for all requests.
        public var requestClass: String?
        /// One point per percentile, in ladder order.
        public var points: [Point]
    }

    /// The bands of all requests and of each class, in mix order; one is left out when some
    /// replication completed none of its requests (its distribution there is empty).
    static func latencyBands(_ results: [Results], confidence: Double) -> [LatencyBand] {
        func band(_ requestClass: String?, _ distribution: (Results) -> LatencyDistribution) -> LatencyBand? {
            let distributions = results.map(distribution)
            guard let first = distributions.first?.points, !first.isEmpty,
                  distributions.allSatisfy({ $0.points.count == first.count }) else { return nil }
            return LatencyBand(requestClass: requestClass, points: first.indices.map { i in
                LatencyBand.Point(
                    percentile: first[i].percentile,
                    milliseconds: ConfidenceInterval(estimates: distributions.map { $0.points[i].milliseconds }, confidence: confidence))
            })
        }
        var bands = [band(nil) { $0.latencyDistribution }]
        for (c, classResults) in (results.first?.classes ?? []).enumerated() {
            bands.append(band(classResults.name) { $0.classes[c].latencyDistribution })
        }
        return bands.compactMap { $0 }
    }
}
