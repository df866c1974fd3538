import Foundation
import Testing

@testable import HeadroomScenario

/// The Swift DSL builds the queues, enqueue steps, autoscalers, traffic shapes and closed loops
/// the JSON format describes.
@Suite("Swift DSL: async work and elasticity")
struct AsyncDSLTests {
    @Test("a queue with workers, an enqueue step, an autoscaler and a diurnal shape round-trip through JSON")
    func queueAndAutoscaler() throws {
        let web = Service("web", instances: 2, concurrency: 16, serviceTime: .constant(.milliseconds(20)))
        let workers = Service("report-workers", instances: 2, concurrency: 2, serviceTime: .exponential(mean: .seconds(5)))
        let db = Database("db", concurrency: 20, serviceTime: .constant(.seconds(1)))
        let reports = Queue(
            "reports", workers: workers, capacity: 1_000, priorities: ["urgent", "normal"], maxAttempts: 3,
            backoff: .fixed([.minutes(5), .minutes(15)]))
        let scenario = try Scenario(
            "jobs", duration: .hours(24),
            traffic: .poisson(rate: 10, shape: .diurnal(peak: 150, peakAt: .hours(14), period: .hours(24)))
        ) {
            Autoscaler("scaler", scales: web, min: 2, max: 10, bootTime: .minutes(2))
            RequestClass("report") {
                web.call {
                    reports.enqueue(priority: "urgent", failureProbability: 0.05) { db.call() }
                }
            }
        }
        // Referred-to components join in order of first reference: the autoscaler's pool, then the route's.
        #expect(scenario.components.map(\.id) == ["scaler", "web", "reports", "report-workers", "db"])
        let step = try #require(scenario.routes[0].steps[0].call?.then.first?.enqueue)
        #expect(step.queue == "reports" && step.priority == "urgent" && step.failureProbability == 0.05 && step.then.count == 1)
        #expect(scenario.components[0].spec(as: Autoscaling.self)?.scales == "web")
        #expect(scenario.components[2].spec(as: MessageQueue.self)?.backoff == .fixed([.minutes(5), .minutes(15)]))
        #expect(try ScenarioDSLTests.roundTrip(scenario) == scenario)
    }

    @Test("closed-loop users and a targetTracking autoscaler round-trip through JSON")
    func closedLoop() throws {
        let api = Service("api", instances: 2, concurrency: 4, serviceTime: .exponential(mean: .milliseconds(150)))
        let scenario = try Scenario("users", duration: .hours(1), traffic: .closedLoop(users: 100, thinkTime: .exponential(mean: .seconds(1)))) {
            Autoscaler("hpa", scales: api, Autoscaling(scales: "", policy: .targetTracking, max: 30, target: 60))
            RequestClass("request") { api.call() }
        }
        #expect(scenario.workload.users == 100)
        #expect(scenario.components[0].spec(as: Autoscaling.self)?.policy == .targetTracking)
        #expect(try ScenarioDSLTests.roundTrip(scenario) == scenario)
    }
}
