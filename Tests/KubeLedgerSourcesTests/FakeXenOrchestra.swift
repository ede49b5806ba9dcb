import Foundation
import Hummingbird
import Synchronization

/// A local stand-in for Xen Orchestra's REST API on 127.0.0.1: `/rest/v0/vms`, `vbds`,
/// `vdis` and `srs` for two VMs, answered as XO does with `fields` (arrays of objects,
/// VBD positions as strings, extra fields and `href`s).
///
/// The first path segment chooses the behaviour: `/ok`, `/flaky` (a 500 on the first `vms`
/// request), `/truncated` (`vms` cut short), `/hrefs` (`vms` as href strings, as without
/// `fields`), `/nocpus` (a VM without `CPUs`).
///
/// - `prod-wrk-01`: Running, 8 vCPUs, 32 GiB, tag `az:AZ05`; OS disk 64 GiB at position 0 on
///   SR "XCP flash standard", data disk 300 GiB at position 1 on SR "XCP flash enterprise",
///   a CD drive at position 3 with an ISO from an SR no class maps.
/// - `legacy-db`: Halted, 2 vCPUs, 4 GiB, tag `role:storage`, no zone tag; one OS disk of
///   20 GiB at position 0 (sent as a number) on "XCP flash standard".
final class FakeXenOrchestra: Sendable {
    struct Seen: Sendable {
        var path: String
        var query: String
        var cookie: String?
        var authorization: String?
    }

    let requests = Mutex<[Seen]>([])
    let failures = Mutex(0)

    static let worker = "5f0cd1a2-8c3e-4b7a-9e51-2a6f0d9b4c11"
    static let halted = "9a7e44b0-13d2-4f6c-8b0e-6c2d5e1f7a22"
    static let srStandard = "c4284e12-37c9-7967-b9e8-83ef229c3e03"
    static let srEnterprise = "4cb0d74e-a7c1-0b7d-46e3-09382c012abb"
    static let srISO = "e1f0b7a3-5c2d-4e8f-9a6b-3d7c8e9f0a33"
    static let pool = "b7569d99-30f8-178a-7d94-801de3e29b5b"

    static let vms = """
        [
          {"uuid":"\(worker)","name_label":"prod-wrk-01","power_state":"Running","CPUs":{"max":8,"number":8},
           "memory":{"dynamic":[34359738368,34359738368],"static":[2147483648,34359738368],"size":34359738368},
           "tags":["az:AZ05","team:platform"],"$pool":"\(pool)",
           "$VBDs":["43ecda28-e716-a60e-5322-ee6597d07aec","a30d24aa-188c-dc6d-6ee3-5bf1e504a3e9","7ced40d8-74c0-744c-dec5-5165224e314a"],
           "href":"/rest/v0/vms/\(worker)"},
          {"uuid":"\(halted)","name_label":"legacy-db","power_state":"Halted","CPUs":{"max":4,"number":2},
           "memory":{"dynamic":[4294967296,4294967296],"static":[1073741824,4294967296],"size":4294967296},
           "tags":["role:storage"],"$pool":"\(pool)","$VBDs":["062adf71-ed8c-4d50-8a73-f838bd78c174"],
           "href":"/rest/v0/vms/\(halted)"}
        ]
        """

    static let vbds = """
        [
          {"uuid":"43ecda28-e716-a60e-5322-ee6597d07aec","VDI":"656052a2-2e3e-467b-88ba-63a9ea5e4a54","is_cd_drive":false,"position":"0","VM":"\(worker)","href":"/rest/v0/vbds/43ecda28-e716-a60e-5322-ee6597d07aec"},
          {"uuid":"a30d24aa-188c-dc6d-6ee3-5bf1e504a3e9","VDI":"44dc6b83-7144-4b00-ab9c-398bf513b952","is_cd_drive":false,"position":"1","VM":"\(worker)","href":"/rest/v0/vbds/a30d24aa-188c-dc6d-6ee3-5bf1e504a3e9"},
          {"uuid":"7ced40d8-74c0-744c-dec5-5165224e314a","VDI":"0e63828c-5a37-429d-b28f-9172424a541a","is_cd_drive":true,"position":"3","VM":"\(worker)","href":"/rest/v0/vbds/7ced40d8-74c0-744c-dec5-5165224e314a"},
          {"uuid":"062adf71-ed8c-4d50-8a73-f838bd78c174","VDI":"c77f9955-c1d2-4b39-aa1c-73cdb2dacb7e","is_cd_drive":false,"position":0,"VM":"\(halted)","href":"/rest/v0/vbds/062adf71-ed8c-4d50-8a73-f838bd78c174"},
          {"uuid":"5f9a4c0b-3548-6171-4396-699a0e56cc60","is_cd_drive":true,"position":"3","VM":"f07ab729-c0e8-721c-45ec-f11276377030","href":"/rest/v0/vbds/5f9a4c0b-3548-6171-4396-699a0e56cc60"}
        ]
        """

    static let vdis = """
        [
          {"uuid":"656052a2-2e3e-467b-88ba-63a9ea5e4a54","size":68719476736,"$SR":"\(srStandard)","name_label":"prod-wrk-01 os","href":"/rest/v0/vdis/656052a2-2e3e-467b-88ba-63a9ea5e4a54"},
          {"uuid":"44dc6b83-7144-4b00-ab9c-398bf513b952","size":322122547200,"$SR":"\(srEnterprise)","name_label":"prod-wrk-01 data","href":"/rest/v0/vdis/44dc6b83-7144-4b00-ab9c-398bf513b952"},
          {"uuid":"0e63828c-5a37-429d-b28f-9172424a541a","size":662700032,"$SR":"\(srISO)","name_label":"debian-12.iso","href":"/rest/v0/vdis/0e63828c-5a37-429d-b28f-9172424a541a"},
          {"uuid":"c77f9955-c1d2-4b39-aa1c-73cdb2dacb7e","size":21474836480,"$SR":"\(srStandard)","name_label":"legacy-db os","href":"/rest/v0/vdis/c77f9955-c1d2-4b39-aa1c-73cdb2dacb7e"},
          {"uuid":"4b737630-2958-46f0-a997-c9dc8f4457b4","size":2147483648,"$SR":"\(srEnterprise)","name_label":"orphan","href":"/rest/v0/vdis/4b737630-2958-46f0-a997-c9dc8f4457b4"}
        ]
        """

    static let srs = """
        [
          {"uuid":"\(srStandard)","name_label":"XCP flash standard","href":"/rest/v0/srs/\(srStandard)"},
          {"uuid":"\(srEnterprise)","name_label":"XCP flash enterprise","href":"/rest/v0/srs/\(srEnterprise)"},
          {"uuid":"\(srISO)","name_label":"ISO library","href":"/rest/v0/srs/\(srISO)"}
        ]
        """

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("{behaviour}/rest/v0/{collection}") { request, context in self.answer(request, context) }
        return router
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func answer(_ request: Request, _ context: BasicRequestContext) -> Response {
        let behaviour = context.parameters.get("behaviour") ?? "ok"
        let collection = context.parameters.get("collection") ?? ""
        requests.withLock {
            $0.append(Seen(path: request.uri.path, query: request.uri.query ?? "", cookie: request.headers[.cookie], authorization: request.headers[.authorization]))
        }
        // XO refuses a request with both a token cookie and Basic.
        if request.headers[.cookie] != nil, request.headers[.authorization] != nil {
            return Self.json(#"{"error":"Having multiple authentication methods is not supported, please choose one"}"#, status: .badRequest)
        }
        switch (behaviour, collection) {
        case ("flaky", "vms"):
            let count = failures.withLock { count in
                count += 1
                return count
            }
            if count == 1 { return Self.json(#"{"error":"internal"}"#, status: .internalServerError) }
        case ("truncated", "vms"): return Self.json(String(Self.vms.prefix(200)))
        case ("hrefs", "vms"): return Self.json(#"["/rest/v0/vms/\#(Self.worker)","/rest/v0/vms/\#(Self.halted)"]"#)
        case ("nocpus", "vms"): return Self.json(Self.vms.replacingOccurrences(of: #""CPUs":{"max":4,"number":2},"#, with: ""))
        default: break
        }
        switch collection {
        case "vms": return Self.json(Self.vms)
        case "vbds": return Self.json(Self.vbds)
        case "vdis": return Self.json(Self.vdis)
        case "srs": return Self.json(Self.srs)
        default: return Self.json(#"{"error":"no such collection"}"#, status: .notFound)
        }
    }
}
