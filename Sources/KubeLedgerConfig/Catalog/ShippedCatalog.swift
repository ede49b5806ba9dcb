/// The catalog used when the config names none.
///
/// Its prices are the illustrative ones of cost-model.md §3, not Cloud Temple's list
/// prices, and it says so in its `note`, which `check-config` and the invoice summary show.
/// It spreads monthly prices over calendar hours, so a full month bills each monthly price exactly.
public enum ShippedCatalog {
    public static let source = "(shipped default catalog)"

    public static let yaml = """
        currency: EUR
        hours_per_month: calendar
        note: "Illustrative prices, not Cloud Temple's list prices: set `catalog:` to your own."
        versions:
          - effective_from: "2026-01-01T00:00:00Z"
            compute: { vcpu_hour: "0.0300", ram_gib_hour: "0.0040" }
            storage_gib_month:
              flash-essentiel: "0.08"
              flash-standard: "0.10"
              flash-premium: "0.13"
              flash-enterprise: "0.18"
              flash-ultra: "0.25"
              mass-storage: "0.02"
            service_fees_month:
              production: { cluster: "2250.00", included_workers: 3, extra_worker: "450.00" }
              devtest: { cluster: "1500.00", included_workers: 3, extra_worker: "100.00" }
        """
}
