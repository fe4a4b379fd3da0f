// Strict JSON text parsing (ParseJsonText) and bounded descriptions of
// values for messages (DescribeJson), declared in json_reader.h.
#include <set>
#include <vector>

#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace {

// Where the parser is: one frame per open object or array.
struct Frame {
  bool object = false;
  std::string key;  // object: the last key read
  long index = -1;  // array: the element being read
  std::set<std::string> keys;
};

std::string PathOf(const std::vector<Frame>& frames) {
  std::string path;
  for (const Frame& f : frames) {
    if (f.object && !f.key.empty()) {
      path += (path.empty() ? "" : ".") + ClipName(f.key);
    } else if (!f.object && f.index >= 0) {
      path += "[" + std::to_string(f.index) + "]";
    }
  }
  return path;
}

std::string Where(const std::string& source, const std::vector<Frame>& frames) {
  const std::string path = PathOf(frames);
  return source + ": " + (path.empty() ? "" : path + ": ");
}

void Describe(const Json& v, std::string& out, size_t budget, int depth) {
  if (out.size() > budget) return;
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    out += Json(s.substr(0, budget)).dump();
  } else if (v.is_array() || v.is_object()) {
    if (depth >= 4) {
      out += v.is_array() ? "[...]" : "{...}";
      return;
    }
    out += v.is_array() ? "[" : "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end() && out.size() <= budget; ++it) {
      if (!first) out += ",";
      first = false;
      if (v.is_object()) out += Json(it.key().substr(0, budget)).dump() + ":";
      Describe(it.value(), out, budget, depth + 1);
    }
    out += v.is_array() ? "]" : "}";
  } else {
    out += v.dump();
  }
}

}  // namespace

std::string DescribeJson(const Json& value) {
  // Never dumps the whole value: a huge or deeply nested one costs at most a
  // few dozen characters and levels.
  std::string text;
  Describe(value, text, 41, 0);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

Json ParseJsonText(const std::string& text, const std::string& source) {
  // The parser takes a NUL byte for the end of the input, so that
  // "{...}\0anything" would pass; JSON text never holds one.
  const size_t nul = text.find('\0');
  if (nul != std::string::npos) {
    throw SpecError(source + ": a NUL byte at offset " + std::to_string(nul) +
                    " (expected UTF-8 JSON text)");
  }
  std::vector<Frame> frames;
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    const bool starts = event == E::object_start || event == E::array_start;
    if ((starts || event == E::value) && !frames.empty() &&
        !frames.back().object) {
      ++frames.back().index;
    }
    if (starts) {
      if (depth + 1 > kMaxJsonDepth) {
        throw SpecError(Where(source, frames) + "nested deeper than " +
                        std::to_string(kMaxJsonDepth) + " levels");
      }
      frames.push_back(Frame{event == E::object_start, "", -1, {}});
    } else if (event == E::key) {
      Frame& f = frames.back();
      f.key = parsed.get<std::string>();
      if (!f.keys.insert(f.key).second) {
        throw SpecError(Where(source, frames) +
                        "duplicate key (each key may appear once)");
      }
    } else if (event == E::object_end || event == E::array_end) {
      frames.pop_back();
    }
    return true;
  };
  try {
    return Json::parse(text, callback);
  } catch (const Json::exception& e) {  // syntax, number overflow (1e400)
    // The parser quotes the token it last read, which may be megabytes.
    throw SpecError(Where(source, frames) +
                    "invalid JSON: " + ClipName(e.what(), 200));
  }
}

}  // namespace sim
