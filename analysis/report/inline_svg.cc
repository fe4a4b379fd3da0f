#include "analysis/report/inline_svg.h"

#include "analysis/report/html_escape.h"

namespace sim {
namespace {

// Replaces every `before` + quote-or-# opening with `before` + `prefix`.
void PrefixAfter(std::string& text,
                 const std::string& before,
                 const std::string& prefix) {
  for (size_t at = text.find(before); at != std::string::npos;
       at = text.find(before, at + before.size() + prefix.size())) {
    text.insert(at + before.size(), prefix);
  }
}

// Drops every <script ...>...</script>: a figure must run nothing and
// load nothing.
void DropScripts(std::string& text) {
  for (size_t at = text.find("<script"); at != std::string::npos;
       at = text.find("<script", at)) {
    size_t end = text.find("</script>", at);
    end = end == std::string::npos ? text.find('>', at) + 1 : end + 9;
    text.erase(at, end == 0 ? std::string::npos : end - at);
  }
}

}  // namespace

std::string InlineSvg(const std::string& svg_text,
                      const std::string& prefix,
                      const std::string& title) {
  const size_t start = svg_text.find("<svg");
  const size_t end = svg_text.rfind("</svg>");
  if (start == std::string::npos || end == std::string::npos || end < start)
    return "";
  std::string svg = svg_text.substr(start, end + 6 - start);
  DropScripts(svg);
  for (const char* quote : {"'", "\""}) {
    PrefixAfter(svg, std::string("id=") + quote, prefix);
    PrefixAfter(svg, std::string("href=") + quote + "#", prefix);
  }
  PrefixAfter(svg, "url(#", prefix);
  svg.insert(4, " role=\"img\" aria-label=\"" + HtmlEscape(title) + "\"");
  const size_t open = svg.find("<title>");
  const size_t close = svg.find("</title>");
  if (open != std::string::npos && close != std::string::npos && close > open)
    svg.replace(open + 7, close - open - 7, HtmlEscape(title));
  return svg;
}

}  // namespace sim
