import HeadroomEngine

/// Load-balancing strategies: each picks one global instance index from the balancer's candidates.
extension Simulation {
    mutating func chooseInstance(balancer b: Int) -> Int {
        let candidates = balancers[b].candidates
        let n = candidates.count
        if n == 1 { return Int(candidates[0]) }
        switch balancers[b].strategy {
        case .roundRobin:
            let pick = balancers[b].cursor
            balancers[b].cursor = pick + 1 == n ? 0 : pick + 1
            return Int(candidates[pick])
        case .weightedRoundRobin:
            return Int(candidates[smoothWeightedPick(balancer: b)])
        case .random:
            return Int(candidates[streams[Int(balancers[b].stream)].index(below: n)])
        case .leastConnections:
            // Scan from a rotating start so ties spread evenly instead of piling on the first.
            let start = balancers[b].cursor
            balancers[b].cursor = start + 1 == n ? 0 : start + 1
            var best = Int(candidates[start])
            var bestLoad = instances[best].inFlight
            var k = 1
            while k < n {
                var j = start + k
                if j >= n { j -= n }
                let load = instances[Int(candidates[j])].inFlight
                if load < bestLoad { best = Int(candidates[j]); bestLoad = load }
                k += 1
            }
            return best
        case .powerOfTwoChoices:
            let stream = streams[Int(balancers[b].stream)]
            let first = stream.index(below: n)
            var second = stream.index(below: n - 1)
            if second >= first { second += 1 }
            let a = Int(candidates[first]), c = Int(candidates[second])
            return instances[c].inFlight < instances[a].inFlight ? c : a
        }
    }

    /// Smooth weighted round robin (nginx): add each weight to its running score, pick the
    /// highest score, subtract the total from it. Deterministic, and spreads a heavy backend's
    /// turns evenly instead of in bursts.
    mutating func smoothWeightedPick(balancer b: Int) -> Int {
        let weights = balancers[b].weights
        var total = 0.0
        var best = 0
        var bestScore = -Double.infinity
        for k in weights.indices {
            balancers[b].currentWeights[k] += weights[k]
            total += weights[k]
            if balancers[b].currentWeights[k] > bestScore {
                bestScore = balancers[b].currentWeights[k]
                best = k
            }
        }
        balancers[b].currentWeights[best] -= total
        return best
    }
}
