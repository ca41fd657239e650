import XCTest
@testable import Watch

final class ServedPageTests: XCTestCase {
    private let report = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta http-equiv="Content-Security-Policy" \
        content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>t</title>
        </head>
        <body>
        <main>hello</main>
        </body>
        </html>

        """

    func testServedPageWidensThePolicyForOneNoncedScriptOnly() {
        let page = ServedPage.make(report: report, error: nil, generation: 3, nonce: "abc123")
        XCTAssertTrue(page.contains("script-src 'nonce-abc123'; connect-src 'self'\">"), page)
        XCTAssertTrue(page.contains("<script nonce=\"abc123\">new EventSource('/events?since=3')"))
        XCTAssertTrue(page.contains("<main>hello</main>"))
        let script = page.range(of: "<script")!, body = page.range(of: "</body>")!
        XCTAssertLessThan(script.lowerBound, body.lowerBound, "the script goes just before </body>")
        XCTAssertFalse(page.contains("folio-watch-error"))
        XCTAssertFalse(report.contains("<script"), "the saved report itself is untouched")
    }

    func testErrorBannerIsEscapedAndOnTop() {
        let page = ServedPage.make(report: report, error: "x.md:2: error: bad <tag> & \"quote\"", generation: 1,
                                   nonce: "n")
        let banner = page.range(of: "id=\"folio-watch-error\"")!
        XCTAssertLessThan(banner.lowerBound, page.range(of: "<main>")!.lowerBound)
        XCTAssertGreaterThan(banner.lowerBound, page.range(of: "<body>")!.lowerBound)
        XCTAssertTrue(page.contains("bad &lt;tag&gt; &amp;"), page)
        XCTAssertFalse(page.contains("<tag>"))
    }

    func testErrorOnlyPageBeforeAnyGoodRender() {
        let page = ServedPage.errorOnly("x.md:1: error: oops", generation: 1, nonce: "n")
        XCTAssertTrue(page.contains("x.md:1: error: oops"))
        XCTAssertTrue(page.contains("<script nonce=\"n\">"))
        XCTAssertTrue(page.contains("script-src 'nonce-n'"))
    }
}
