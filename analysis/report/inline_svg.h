// A gnuplot SVG file made fit to sit inline in report.html: the XML
// prolog and any script go, and every id (with the references to it) takes
// a prefix of its own, since each gnuplot figure defines the same ids
// (gpPt0, gnuplot_plot_1, ...) and one HTML page shares one id space.
#pragma once

#include <string>

namespace sim {

// The <svg> element of `svg_text`, its ids prefixed with `prefix` and its
// <title> replaced by `title` (HTML-escaped); "" if there is no <svg>.
std::string InlineSvg(const std::string& svg_text,
                      const std::string& prefix,
                      const std::string& title);

}  // namespace sim
