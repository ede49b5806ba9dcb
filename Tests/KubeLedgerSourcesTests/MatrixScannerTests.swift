import Foundation
import KubeLedgerSources
import Testing

/// The fast matrix scanner must give exactly what JSONDecoder gives, or step aside.
@Suite struct MatrixScannerTests {
    static let documents = [
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"pod":"a","node":"w1"},"values":[[1793577900,"0.25"],[1793578200,"NaN"],[1793578500,"+Inf"],[1793578800,"-Inf"],[1793579100,"1e-7"]]}]}}"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#,
        "{ \"data\" : { \"result\" : [ { \"values\" : [ [ 300.5 , \"-3\" ] ] , \"metric\" : { } } ], \"resultType\" : \"matrix\" },\n \"status\" : \"success\", \"warnings\": [\"w\", {\"x\": [1, true, null, -2.5e3]}] }\n",
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"label":"quote \" back \\ newline \n é \u00e9 \ud83d\ude00"},"values":[[1,"2"]]}]},"infos":["i"]}"#,
    ]

    @Test("the scanner and JSONDecoder agree", arguments: documents)
    func agree(document: String) throws {
        let data = Data(document.utf8)
        #expect(try MatrixDecoding.scanner(data) == MatrixDecoding.foundation(data))
    }

    @Test("anything but a success matrix is left to JSONDecoder", arguments: [
        #"{"status":"error","errorType":"bad_data","error":"x"}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"]]}]}"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"lots"]]}]}}"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"]]}]}} trailing"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":1},"values":[]}]}}"#,
        "",
    ])
    func refuses(document: String) {
        #expect(throws: SourceError.self) { try MatrixDecoding.scanner(Data(document.utf8)) }
    }
}
