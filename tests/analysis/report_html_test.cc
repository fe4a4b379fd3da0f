// report.html's pieces: escaping, inline SVG with per-figure ids, and the
// tables report.md and report.html render from the same rows.
#include <catch2/catch.hpp>
#include <string>

#include "analysis/report/html_escape.h"
#include "analysis/report/inline_svg.h"
#include "analysis/report/report_table.h"

namespace sim {

TEST_CASE("HtmlEscape escapes the five HTML characters", "[analysis][html]") {
  REQUIRE(HtmlEscape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  REQUIRE(HtmlEscape("plain text, n=6") == "plain text, n=6");
}

TEST_CASE("InlineSvg keeps the <svg> element with its ids prefixed",
          "[analysis][html]") {
  const std::string svg =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg viewBox=\"0 0 9 9\">"
      "<title>Gnuplot</title><defs><path id='gpPt0' d='M0,0'/>"
      "<clipPath id=\"clip1\"><rect/></clipPath></defs>"
      "<use xlink:href='#gpPt0'/><g clip-path=\"url(#clip1)\"/>"
      "<script href='http://x/y.js'></script></svg>\n";
  const std::string inlined = InlineSvg(svg, "f2-", "N* <vs> n");
  REQUIRE(inlined.rfind("<svg role=\"img\" aria-label=\"N* &lt;vs&gt; n\"",
                        0) == 0);
  REQUIRE(inlined.find("<?xml") == std::string::npos);
  REQUIRE(inlined.find("DOCTYPE") == std::string::npos);
  REQUIRE(inlined.find("<script") == std::string::npos);
  REQUIRE(inlined.find("id='f2-gpPt0'") != std::string::npos);
  REQUIRE(inlined.find("id=\"f2-clip1\"") != std::string::npos);
  REQUIRE(inlined.find("href='#f2-gpPt0'") != std::string::npos);
  REQUIRE(inlined.find("url(#f2-clip1)") != std::string::npos);
  REQUIRE(inlined.find("<title>N* &lt;vs&gt; n</title>") != std::string::npos);
  REQUIRE(inlined.substr(inlined.size() - 6) == "</svg>");
  REQUIRE(InlineSvg("not a figure", "f1-", "t").empty());
}

TEST_CASE("Report tables: Markdown and HTML from one set of rows",
          "[analysis][html]") {
  ReportTable t;
  t.header = {"cell", "within"};
  REQUIRE(MarkdownTable(t).empty());  // no header over nothing
  REQUIRE(HtmlTable(t).empty());
  t.rows.push_back({"cnn n=6", "**no**"});
  t.rows.push_back({"a<b", "yes"});
  REQUIRE(
      MarkdownTable(t) ==
      "| cell | within |\n|---|---|\n| cnn n=6 | **no** |\n| a<b | yes |\n");
  const std::string html = HtmlTable(t);
  REQUIRE(html.find("<td><strong>no</strong></td>") != std::string::npos);
  REQUIRE(html.find("<td>a&lt;b</td>") != std::string::npos);
  REQUIRE(html.find("<th>cell</th>") != std::string::npos);
}

}  // namespace sim
