/// Home of right-sizing and the capacity planner (capacity-model.md): pure functions over
/// usage series and node shapes, free of I/O, so the CLI, the API and Grafana share them.
/// Filled by the "Right-sizing and capacity planner" issue.
public enum CapacityPlanner {
    /// The capacity-model version this module implements.
    public static let capacityModelVersion = "capacity-model.md (2026)"
}
