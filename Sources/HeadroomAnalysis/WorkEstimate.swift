import HeadroomScenario

/// What a run of a scenario will cost before it starts: the events the engine will process and
/// the memory its requests in flight will hold, from the scenario alone (no simulation).
///
/// The figures are estimates, good to a small factor, made to refuse absurd runs up front with
/// a reason (a rate of 10⁹ req/s, bursts every 2 ns, a duration of 10³⁰⁸ s, 10⁶ instances, an
/// overloaded station with an unbounded queue for a day) rather than to predict a run exactly.
///
/// - Work: arrivals (the rate integrated over the run, bursts included) × events per request
///   (one arrival, and for each call its probability × one service completion and one transit
///   where a balancer has a latency — timeouts cost next to nothing: the calendar holds one event
///   per timer list, not one per call, see the model's `TimerList`), plus one
///   step per burst edge. A least-connections or weighted balancer scans all its instances on
///   every pick; measured, a scan of n instances costs what n/8 events do, and counts so
///   (from n = 8 on: a scan of a few instances is part of what an event costs anyway).
/// - Memory: requests in flight × bytes per request, plus the model's tables. Requests in flight
///   are summed over the stations — a request holding workers at several stations is counted at
///   each, so this errs high: below its capacity a station holds its offered load λ·h (h: own
///   service plus the calls made while holding the worker) plus at most ρ/(1 − ρ) waiting; above
///   it, its workers, a full bounded queue, or — unbounded — the backlog that grows at
///   λ − capacity for the whole run (cut at λ × timeout when the station has a timeout).
public struct WorkEstimate: Sendable, Equatable {
    /// Expected arrivals over the whole run, warm-up included.
    public var arrivals: Double
    /// Expected engine events per request.
    public var eventsPerRequest: Double
    /// Burst edges over the run: each is a step of the arrival process.
    public var rateChanges: Double
    /// The balancer that scans the most instances per pick (least connections, weighted round
    /// robin), and how many; nil when none scans.
    public var widestScan: Scan?

    /// A balancer that scans its instances on every pick.
    public struct Scan: Sendable, Equatable {
        /// The balancer's id.
        public var balancer: String
        /// The instances it scans.
        public var instances: Double

        public init(balancer: String, instances: Double) {
            self.balancer = balancer
            self.instances = instances
        }
    }
    /// Requests in flight at the peak, at most.
    public var peakInFlight: Double
    /// Bytes of memory the run needs at the peak, about.
    public var bytes: Double
    /// The station whose unbounded queue grows the most, and how many requests it reaches; nil
    /// when no station is overloaded with an unbounded queue.
    public var growingBacklog: Backlog?

    /// An overloaded station with an unbounded queue.
    public struct Backlog: Sendable, Equatable {
        /// The component's id.
        public var component: String
        /// Requests per second it is offered at the peak.
        public var offeredRps: Double
        /// Requests per second its workers can serve (workers ÷ mean hold time).
        public var capacityRps: Double
        /// Requests waiting at the end of the run.
        public var requests: Double
    }

    /// Events the engine processes over the run.
    public var events: Double { arrivals * eventsPerRequest + rateChanges }

    /// Bytes held per request in flight: the request record, its call frames, its pending events
    /// and its queue entry (measured struct sizes, rounded up).
    static func bytesPerRequest(depth: Int) -> Double { 96 + 48 * Double(depth) }
    /// Bytes of model state per station instance (live state, balancer candidate entries).
    static let bytesPerInstance = 160.0
    /// The process without any of it: runtime, histograms, code.
    static let baseBytes = 64.0 * 1_048_576

    /// The estimate for `scenario` as it is (its duration, rate and components).
    public init(_ scenario: Scenario) {
        let duration = scenario.duration.seconds
        let workload = scenario.workload
        var walker = RouteWalker(scenario: scenario)
        (arrivals, rateChanges, walker.averageRate, walker.peakRate) = Self.arrivals(workload, duration: duration)
        walker.longestBurst = min(duration, workload.bursts.map(\.duration.seconds).max() ?? 0)
        let totalWeight = workload.mix.reduce(0) { $0 + $1.weight }
        var events = 1.0
        for entry in workload.mix {
            guard let route = scenario.routes.first(where: { $0.requestClass == entry.requestClass }) else { continue }
            let share = totalWeight > 0 && totalWeight.isFinite ? entry.weight / totalWeight : 0
            events += share * walker.walk(route.steps, share: share, depth: 1).events
        }
        eventsPerRequest = events
        widestScan = walker.widestScan
        var inFlight = 0.0
        var backlog: Backlog?
        for station in walker.stations.values {
            let (held, grows) = station.inFlight(duration: duration)
            inFlight += held
            if let grows, grows.requests > (backlog?.requests ?? 0) { backlog = grows }
        }
        growingBacklog = backlog
        peakInFlight = min(arrivals, inFlight)
        let instances = scenario.components.reduce(0.0) { $0 + Double($1.pool?.instances ?? 1) }
        bytes = Self.baseBytes + instances * Self.bytesPerInstance + peakInFlight * Self.bytesPerRequest(depth: walker.maximumDepth)
    }

    /// Arrivals over [0, duration], burst edges, and the average and peak rates.
    ///
    /// Each burst replaces the base rate while it is on; overlapping bursts are counted each
    /// (which errs high). Repetitions are counted in closed form, so bursts every 2 ns over an
    /// hour cost nothing to estimate.
    static func arrivals(_ workload: Workload, duration: Double) -> (arrivals: Double, edges: Double, average: Double, peak: Double) {
        var burstArrivals = 0.0, covered = 0.0, edges = 0.0, peak = workload.rate
        for burst in workload.bursts where burst.start.seconds < duration {
            let start = burst.start.seconds, length = burst.duration.seconds
            var on: Double
            var cycles = 1.0
            if let every = burst.every?.seconds, every > 0 {
                cycles = ((duration - start) / every).rounded(.down) + 1
                on = (cycles - 1) * length + min(length, duration - (start + (cycles - 1) * every))
            } else {
                on = min(length, duration - start)
            }
            on = max(0, on)
            burstArrivals += burst.rate * on
            covered += on
            edges += 2 * cycles
            peak = max(peak, burst.rate)
        }
        let arrivals = burstArrivals + workload.rate * max(0, duration - covered)
        return (arrivals, edges, duration > 0 ? arrivals / duration : 0, peak)
    }
}

/// Walks the routes once, accumulating what each station is offered.
private struct RouteWalker {
    let scenario: Scenario
    let index: [String: Component]
    var averageRate = 0.0
    var peakRate = 0.0
    /// The longest a burst lasts (capped at the run's length): how long a peak can overload a station.
    var longestBurst = 0.0
    var widestScan: WorkEstimate.Scan?
    /// Instances a scan visits for the cost of one event (see ``WorkEstimate``).
    static let instancesPerScanEvent = 8.0
    var maximumDepth = 1
    var stations: [String: StationLoad] = [:]

    init(scenario: Scenario) {
        self.scenario = scenario
        var index: [String: Component] = [:]
        for component in scenario.components where index[component.id] == nil { index[component.id] = component }
        self.index = index
    }

    /// Walks `steps` reached by a `share` of all requests: their expected events per request and
    /// their expected time (seconds), which a caller holding a worker waits through.
    mutating func walk(_ steps: [Step], share: Double, depth: Int) -> (events: Double, seconds: Double) {
        maximumDepth = max(maximumDepth, depth)
        var events = 0.0, seconds = 0.0
        for step in steps {
            guard let call = step.call, let component = index[call.component] else { continue }
            let reached = share * call.probability
            var (callEvents, callSeconds) = (0.0, 0.0)
            if let balancer = component.spec(as: LoadBalancer.self) {
                let latency = balancer.latency.map(\.meanSeconds) ?? 0
                callEvents += balancer.latency == nil ? 0 : 1
                callSeconds += latency
                stations[component.id, default: StationLoad(id: component.id, kind: .transit)].add(rate: reached, hold: latency, walker: self)
                // The backends share the calls by instances (and weights, for weighted round robin).
                let backends = balancer.backends.compactMap { b in index[b.component].map { (b, $0) } }
                let weights = backends.map { b, c in
                    Double(c.pool?.instances ?? 1) * (balancer.strategy == .weightedRoundRobin ? b.weight : 1)
                }
                let total = weights.reduce(0, +)
                if balancer.strategy == .leastConnections || balancer.strategy == .weightedRoundRobin {
                    let scanned = backends.reduce(0.0) { $0 + Double($1.1.pool?.instances ?? 1) }
                    // A scan of a few instances is part of what an event costs anyway.
                    if scanned > Self.instancesPerScanEvent { callEvents += scanned / Self.instancesPerScanEvent }
                    if scanned > (widestScan?.instances ?? 1) { widestScan = WorkEstimate.Scan(balancer: component.id, instances: scanned) }
                }
                for ((_, backend), weight) in zip(backends, weights) where total > 0 {
                    let (e, s) = visit(backend, call: call, share: reached * weight / total, depth: depth)
                    callEvents += e * weight / total
                    callSeconds += s * weight / total
                }
            } else {
                (callEvents, callSeconds) = visit(component, call: call, share: reached, depth: depth)
            }
            events += call.probability * callEvents
            seconds += call.probability * callSeconds
        }
        return (events, seconds)
    }

    /// One call served by `component` (a station), with the calls it makes while holding its worker.
    mutating func visit(_ component: Component, call: Call, share: Double, depth: Int) -> (events: Double, seconds: Double) {
        let nested = walk(call.then, share: share, depth: depth + 1)
        var load = stations[component.id] ?? StationLoad(component)
        let own = (call.serviceTime ?? load.serviceTime)?.meanSeconds ?? 0
        let hold = own + nested.seconds
        load.add(rate: share, hold: hold, walker: self)
        stations[component.id] = load
        return (1 + nested.events, hold)
    }
}

/// What one station is offered, accumulated over the routes.
private struct StationLoad {
    enum Kind { case pool, function, externalAPI, transit }

    var id: String
    var kind: Kind
    var workers = Double.infinity
    var instances = 1.0
    var queuePerInstance: Double?
    var serviceTime: DistributionSpec?
    var timeout: TimeSpan?
    var rateLimit: Double?
    /// Share of all requests reaching it (per request), and that share × hold time.
    var visits = 0.0
    var heldSeconds = 0.0
    var averageRate = 0.0
    var peakRate = 0.0
    var longestBurst = 0.0

    init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    init(_ component: Component) {
        self.init(id: component.id, kind: .pool)
        if let pool = component.pool {
            instances = Double(pool.instances)
            workers = Double(pool.instances) * Double(pool.concurrency)
            queuePerInstance = pool.queueCapacity.map(Double.init)
            serviceTime = pool.serviceTime
            timeout = pool.timeout
        } else if let function = component.spec(as: ServerlessFunction.self) {
            kind = .function
            workers = Double(function.concurrencyLimit)
            queuePerInstance = 0
            serviceTime = function.serviceTime
            timeout = function.timeout
        } else if let api = component.spec(as: ExternalAPI.self) {
            kind = .externalAPI
            serviceTime = api.latency
            timeout = api.timeout
            rateLimit = api.rateLimit
        }
    }

    mutating func add(rate share: Double, hold: Double, walker: RouteWalker) {
        visits += share
        heldSeconds += share * hold
        averageRate = walker.averageRate * visits
        peakRate = walker.peakRate * visits
        longestBurst = walker.longestBurst
    }

    /// Requests it holds at the peak, and its growing backlog if it is overloaded with no bound.
    func inFlight(duration: Double) -> (Double, WorkEstimate.Backlog?) {
        guard visits > 0 else { return (0, nil) }
        let hold = heldSeconds / visits
        let accepted = min(peakRate, rateLimit ?? .infinity)
        let offered = accepted * hold
        guard workers.isFinite else { return (offered, nil) }  // transit, external API: as many as arrive
        if offered < workers {
            let rho = offered / workers
            let waiting = min(rho / (1 - rho), queuePerInstance.map { $0 * instances } ?? .infinity)
            return (offered + waiting, nil)
        }
        if let queue = queuePerInstance { return (workers + queue * instances, nil) }
        // Overloaded on average, the backlog grows all run long; only at the peaks, for a burst.
        let capacity = hold > 0 ? workers / hold : .infinity
        let average = min(averageRate, rateLimit ?? .infinity)
        var backlog = max(max(0, average - capacity) * duration, max(0, accepted - capacity) * longestBurst)
        if let timeout { backlog = min(backlog, accepted * timeout.seconds) }
        return (workers + backlog, WorkEstimate.Backlog(component: id, offeredRps: accepted, capacityRps: capacity, requests: backlog))
    }
}

/// How large a run may be before it is refused up front (`--max-events`, `--max-memory`).
public struct RunLimits: Sendable, Equatable {
    /// Events one run may take. The default, 10⁹, is one to two minutes of simulation at the
    /// engine's speed (about ten million events per second on the machines we measured).
    public var maximumEvents: Double
    /// Bytes one run may hold at its peak. The default, 4 GB, leaves room on a CI machine.
    public var maximumBytes: Double

    /// Limits of `maximumEvents` events and `maximumBytes` bytes.
    public init(maximumEvents: Double = 1e9, maximumBytes: Double = 4e9) {
        self.maximumEvents = maximumEvents
        self.maximumBytes = maximumBytes
    }

    /// The engine speed the messages convert events into time with, events per second.
    static let eventsPerSecond = 1e7
}

extension WorkEstimate {
    /// Why a run of this size is refused under `limits` (`runs` of them, as replications), with
    /// the estimate and how to override; nil when it fits.
    public func refusal(under limits: RunLimits, scenario: Scenario, runs: Int = 1) -> String? {
        let total = events * Double(runs)
        if !(total <= limits.maximumEvents) {
            let many = runs > 1 ? " (\(runs) runs)" : ""
            var parts = "\(Self.count(arrivals)) arrivals over \(scenario.duration.humanReadable) × \(Self.decimal(eventsPerRequest)) events each"
            if let scan = widestScan, scan.instances >= 1_000 {
                parts += " (\(scan.balancer) scans \(Self.count(scan.instances)) instances on every pick)"
            }
            if rateChanges >= 1 { parts += ", and \(Self.count(rateChanges)) burst edges" }
            return "too much to simulate: about \(Self.count(total)) events\(many) (\(parts)); --max-events allows \(Self.count(limits.maximumEvents)), "
                + "about \(Self.minutes(limits.maximumEvents)) of simulation; shorten the duration, lower the rate, or raise --max-events"
        }
        if !(bytes <= limits.maximumBytes) {
            var why = "\(Self.count(peakInFlight)) requests in flight at the peak"
            if let b = growingBacklog {
                why += "; \(b.component) is overloaded (offered \(Self.decimal(b.offeredRps)) req/s, serves \(Self.decimal(b.capacityRps)) req/s) "
                    + "and its unbounded queue grows to \(Self.count(b.requests)) requests"
            }
            return "too much memory to simulate: about \(Self.size(bytes)) (\(why)); --max-memory allows \(Self.size(limits.maximumBytes)); "
                + "bound the queue (queueCapacity) or add workers, shorten the duration, or raise --max-memory"
        }
        return nil
    }

    /// 1234567 → "1,234,567"; from 10¹⁵ on, "2.1e+20".
    static func count(_ x: Double) -> String {
        guard x.isFinite else { return "infinitely many" }
        guard x < 1e15 else { return String(format: "%.2g", x) }
        let digits = String(Int64(x.rounded()))
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// A small number with up to 3 significant digits: "4", "2.5", "0.333".
    static func decimal(_ x: Double) -> String { String(format: "%.3g", x) }

    /// Bytes as "6.2 GB" (decimal units).
    static func size(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "an unbounded amount" }
        var value = bytes, unit = 0
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        while value >= 1_000 && unit < units.count - 1 { value /= 1_000; unit += 1 }
        return unit == units.count - 1 && value >= 1_000 ? String(format: "%.2g B", bytes) : String(format: "%.3g %@", value, units[unit])
    }

    /// Events as wall-clock time at the engine's speed: "2 minutes", "28 hours".
    static func minutes(_ events: Double) -> String {
        let seconds = events / RunLimits.eventsPerSecond
        if seconds < 1 { return "under a second" }
        if seconds < 120 { return "\(Int(seconds.rounded())) seconds" }
        if seconds < 7_200 { return "\(Int((seconds / 60).rounded())) minutes" }
        if seconds < 172_800 { return "\(Int((seconds / 3_600).rounded())) hours" }
        return seconds < 1e15 ? "\(count(seconds / 86_400)) days" : "forever"
    }
}

import Foundation
