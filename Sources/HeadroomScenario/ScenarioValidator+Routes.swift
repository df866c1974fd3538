extension Validation {
    /// One call on the current call path: the component called and the components whose workers
    /// it holds (itself, or, for a load balancer, whichever backend it picked — any of them).
    private struct Held {
        let component: String
        let holds: [String]
        /// What the held components are to the one called ("backend"), when it holds others.
        let role: String?
    }

    /// What a call to `id` holds while its `then` runs, as its kind declares.
    private func held(_ id: String) -> Held {
        if let component = scenario.component(id), let others = component.descriptor.callHolds(component.spec) {
            return Held(component: id, holds: others.components, role: others.role)
        }
        return Held(component: id, holds: [id], role: nil)
    }

    mutating func checkRoutes() {
        let path = JSONPath.root.key("routes")
        if scenario.routes.isEmpty {
            report(path, "found an empty array; expected at least one route")
        }
        var firstRoute: [String: Int] = [:]
        for (i, route) in scenario.routes.enumerated() {
            let rPath = path.index(i)
            if route.requestClass.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                report(rPath.key("class"), "found \(Wording.quotedShort(route.requestClass)); expected a non-empty class name")
            } else if let first = firstRoute[route.requestClass] {
                report(rPath.key("class"), "duplicate class \(JSONWriter.quoted(route.requestClass)) (first used at routes[\(first)])")
            } else {
                firstRoute[route.requestClass] = i
                if !scenario.workload.mix.contains(where: { $0.requestClass == route.requestClass }),
                    !mixClassesMatchedByTypo.contains(route.requestClass)
                {
                    report(rPath.key("class"), "class \(JSONWriter.quoted(route.requestClass)) has no weight in workload.mix")
                }
            }
            let stepsPath = rPath.key("steps")
            if route.steps.isEmpty {
                report(stepsPath, "found an empty array; expected at least one step")
            }
            var tooDeep = false
            checkSteps(route.steps, at: stepsPath, depth: 1, callPath: [], tooDeep: &tooDeep)
            if let keys = route.keys { KeySpace.format.check(&self, keys, rPath.key("keys")) }
        }
    }

    /// Checks `steps` at nesting `depth` below the calls in `callPath`. Reports the first step
    /// nested too deep once per route (`tooDeep`), and does not look below a call that closes a cycle.
    private mutating func checkSteps(
        _ steps: [Step], at path: JSONPath, depth: Int, callPath: [Held], tooDeep: inout Bool
    ) {
        for (i, step) in steps.enumerated() {
            let sPath = path.index(i)
            if depth > ScenarioValidator.maximumCallDepth {
                if !tooDeep {
                    report(sPath, "calls are nested more than \(ScenarioValidator.maximumCallDepth) levels deep")
                    tooDeep = true
                }
                return
            }
            let descriptor = step.descriptor
            descriptor.check(&self, step, sPath)
            // A detached step's nested steps run in a request of their own: a new call path.
            var path = descriptor.detached ? [] : callPath
            if let entered = descriptor.holds(step) {
                let here = held(entered)
                if !descriptor.detached, let cycle = Self.cycle(entering: here, from: callPath) {
                    report(sPath.key(descriptor.discriminator), cycle)
                    continue
                }
                path.append(here)
            }
            for nested in descriptor.object.nestedSteps(step) {
                // Steps that run after the step (a fallback) hold nothing it held.
                checkSteps(
                    nested.steps, at: sPath.key(nested.key), depth: nested.inside ? depth + 1 : depth,
                    callPath: nested.inside ? path : callPath, tooDeep: &tooDeep)
            }
        }
    }

    /// The message for a call that would wait on a worker already held on its own call path, or nil.
    private static func cycle(entering call: Held, from callPath: [Held]) -> String? {
        for (k, earlier) in callPath.enumerated() {
            guard let reentered = call.holds.first(where: earlier.holds.contains) else { continue }
            let chain = (callPath[k...].map(\.component) + [call.component]).joined(separator: " → ")
            let through = call.role == nil ? "" : " (through \(JSONWriter.quoted(call.component)))"
            let via = earlier.role.map { " (as a \($0) of \(JSONWriter.quoted(earlier.component)))" } ?? ""
            return "call cycle \(chain): a synchronous call back into \(JSONWriter.quoted(reentered))\(through), "
                + "which is already on this call path\(via), can deadlock"
        }
        return nil
    }
}

import Foundation
