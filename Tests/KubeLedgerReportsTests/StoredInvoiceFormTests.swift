import Foundation
import KubeLedgerCore
@testable import KubeLedgerReports
import KubeLedgerStore
import Testing

/// A closed month as the store holds it, written before JSON answers had RFC 3339 times:
/// it must keep loading, and re-export byte for byte, whatever the answers look like.
@Suite struct StoredInvoiceFormTests {
    /// October of cluster `r` as `InvoiceBuilder.close` stored it (sorted keys, times in
    /// seconds since the epoch, exact amounts with 15 decimals, a summary line from before
    /// `usage`), with its FOCUS CSV. Kept as bytes, not built, so that a change of
    /// ``Invoice``'s Codable form fails here.
    static let stored = #"{"closedAt":1793610000,"cluster":"r","coverage":{"containerHours":7440,"hours":744,"hoursWithIaaS":744,"hoursWithKubernetes":744,"pricedHours":744,"unpricedContainerHours":0},"csv":"BillingAccountId,BillingAccountName,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,BillingCurrency,BilledCost,EffectiveCost,ListCost,ContractedCost,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ConsumedQuantity,ConsumedUnit,PricingQuantity,PricingUnit,ListUnitPrice,ContractedUnitPrice,InvoiceId,InvoiceIssuerName,ProviderName,PublisherName,ServiceName,ServiceCategory,ServiceSubcategory,RegionId,AvailabilityZone,ResourceId,ResourceName,ResourceType,SubAccountId,SubAccountName,Tags,x_Cluster,x_Namespace,x_Tenant,x_CostComponent\r\nacct-7,R & D,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,EUR,10.00,10.00,10.00,10.00,Usage,,CPU of namespace shop,Usage-Based,333.3333333333,vCPU-Hours,333.3333333333,vCPU-Hours,0.0300000000,0.0300000000,KL-r-2026-10,Cloud Temple,Cloud Temple,Cloud Temple,Managed Kubernetes,Compute,Containers,FR1,,r\/shop,shop,Namespace,acme,acme,\"{\"\"namespace\"\":\"\"shop\"\",\"\"tenant\"\":\"\"acme\"\"}\",r,shop,acme,cpu\r\nacct-7,R & D,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,EUR,2.35,2.35,2.35,2.35,Usage,,Share of platform and overhead,Usage-Based,,,,,,,KL-r-2026-10,Cloud Temple,Cloud Temple,Cloud Temple,Managed Kubernetes,Compute,Containers,FR1,,,,,acme,acme,\"{\"\"tenant\"\":\"\"acme\"\"}\",r,,acme,shared\r\n","currency":"EUR","hoursElapsed":744,"hoursInMonth":744,"lines":[{"chargePeriodEnd":1793491200,"chargePeriodStart":1790812800,"component":"cpu","exact":"10.000000000000004","namespace":"shop","quantity":"333.3333333333","rounded":"10.00","tenant":"acme","unit":"vCPU-Hours","unitPrice":"0.0300000000"},{"chargePeriodEnd":1793491200,"chargePeriodStart":1790812800,"component":"shared","exact":"2.346000000000000","rounded":"2.35","tenant":"acme"}],"month":"2026-10","periodEnd":1793491200,"periodStart":1790812800,"summary":[{"share":"100.00","tenant":"acme","total":"12.35"}],"total":"12.35"}"#

    @Test("a closed month stored with times in seconds still loads, re-exports byte for byte, and answers with RFC 3339 times")
    func storedWithSeconds() throws {
        let store = try LedgerStore()
        try store.closeInvoice(cluster: "r", month: "2026-10", closedAt: 1_793_610_000, content: Data(Self.stored.utf8))
        let invoice = try InvoiceBuilder(store: store, config: InvoiceTests.config, currency: "EUR")
            .invoice(cluster: "r", month: InvoiceTests.october, now: InvoiceTests.now)
        #expect(invoice.periodStart == 1_790_812_800 && invoice.periodEnd == 1_793_491_200 && invoice.closedAt == 1_793_610_000)
        #expect(invoice.summary.first?.usage == nil && invoice.lines.count == 2)
        // Its stored form is the one Invoice still writes: encoded as a close does, the same bytes.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(invoice), as: UTF8.self) == Self.stored)
        // The CSV export is the stored file, whole or one tenant's rows.
        let csv = try #require(invoice.csv)
        #expect(try FocusCSV.export([invoice], config: InvoiceTests.config) == csv)
        #expect(try FocusCSV.export([invoice], config: InvoiceTests.config, tenant: "acme") == csv)
        // The JSON answer: RFC 3339 times, 10-decimal money, the stored CSV.
        let shown = invoice.forJSON
        #expect(shown.periodStart == "2026-10-01T00:00:00Z" && shown.periodEnd == "2026-11-01T00:00:00Z")
        #expect(shown.closedAt == "2026-11-02T09:00:00Z")
        #expect(shown.lines.map(\.chargePeriodStart) == ["2026-10-01T00:00:00Z", "2026-10-01T00:00:00Z"])
        #expect(shown.lines.map(\.chargePeriodEnd) == ["2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z"])
        #expect(shown.lines.map(\.exact) == ["10.0000000000", "2.3460000000"] && shown.total == "12.3500000000")
        #expect(shown.csv == csv)
    }
}
