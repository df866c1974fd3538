import HeadroomEngine

/// Load-balancing strategies: each picks one instance among a router's candidates (the
/// instances in rotation of its backends), or -1 when it has none.
extension Simulation {
    mutating func balance(router r: Int) -> Int {
        let n = Int(routers[r].candidatesCount)
        let start = Int(routers[r].candidatesStart)
        if n == 1 { return Int(candidates[start]) }
        guard n > 0 else { return -1 }
        switch routers[r].strategy {
        case .roundRobin:
            let pick = Int(routers[r].cursor)
            routers[r].cursor = pick + 1 == n ? 0 : Int32(pick + 1)
            return Int(candidates[start + pick])
        case .weightedRoundRobin:
            return Int(candidates[start + smoothWeightedPick(start: start, count: n)])
        case .random:
            return Int(candidates[start + generators[Int(routers[r].stream)].index(below: n)])
        case .leastConnections:
            // Scan from a rotating start so ties spread evenly instead of piling on the first.
            let first = Int(routers[r].cursor)
            routers[r].cursor = first + 1 == n ? 0 : Int32(first + 1)
            var best = Int(candidates[start + first])
            var bestLoad = instances[best].inFlight
            var k = 1
            while k < n {
                var j = first + k
                if j >= n { j -= n }
                let candidate = Int(candidates[start + j])
                let load = instances[candidate].inFlight
                if load < bestLoad { best = candidate; bestLoad = load }
                k += 1
            }
            return best
        case .powerOfTwoChoices:
            let generator = generators[Int(routers[r].stream)]
            let first = generator.index(below: n)
            var second = generator.index(below: n - 1)
            if second >= first { second += 1 }
            let a = Int(candidates[start + first]), c = Int(candidates[start + second])
            return instances[c].inFlight < instances[a].inFlight ? c : a
        }
    }

    /// Smooth weighted round robin (nginx): add each weight to its running score, pick the
    /// highest score, subtract the total from it. Deterministic, and spreads a heavy backend's
    /// turns evenly instead of in bursts.
    mutating func smoothWeightedPick(start: Int, count n: Int) -> Int {
        var total = 0.0
        var best = 0
        var bestScore = -Double.infinity
        for k in 0..<n {
            currentWeights[start + k] += candidateWeights[start + k]
            total += candidateWeights[start + k]
            if currentWeights[start + k] > bestScore {
                bestScore = currentWeights[start + k]
                best = k
            }
        }
        currentWeights[start + best] -= total
        return best
    }
}
