// hostile_corpus DIR: writes a corpus of malformed experiment specs and run
// configs into DIR for tests/cli/fault_corpus_test.sh, and DIR/manifest.tsv
// with one tab-separated line per case: file, command (validate, run, train
// or sensitivity), status, the text the error message must hold (a JSON
// path or the file's name; alternatives separated by "||") and what is
// wrong with it. Every case starts from a valid base and breaks one thing
// (types, ranges, unknown and duplicate keys, nesting, sizes, encodings,
// syntax, names, grid axes), so each must be refused with exit 2; status
// "pending" marks a known gap not yet refused, "valid" the bases
// themselves, which must pass. The same files come out on every run.
#include "tests/tools/hostile_corpus.h"

#include <cstdio>
#include <fstream>

namespace hostile_corpus {

namespace fs = std::filesystem;

std::string PathText(const Path& path) {
  std::string text;
  for (const Step& s : path) {
    if (s.index >= 0) {
      text += "[" + std::to_string(s.index) + "]";
    } else {
      text += (text.empty() ? "" : ".") + s.key;
    }
  }
  return text;
}

Path ParsePath(const std::string& dotted) {  // "a.b[0].c"; keys hold no dots
  Path path;
  size_t i = 0;
  while (i < dotted.size()) {
    if (dotted[i] == '.') ++i;
    if (dotted[i] == '[') {
      const size_t close = dotted.find(']', i);
      path.push_back({"", std::stol(dotted.substr(i + 1, close - i - 1))});
      i = close + 1;
      continue;
    }
    const size_t end = dotted.find_first_of(".[", i);
    path.push_back({dotted.substr(i, end - i), -1});
    i = end == std::string::npos ? dotted.size() : end;
  }
  return path;
}

Json& At(Json& root, const Path& path) {
  Json* node = &root;
  for (const Step& s : path)
    node = s.index >= 0 ? &(*node)[s.index] : &(*node)[s.key];
  return *node;
}

namespace {

const char* const kMarker = "@@corpus-marker@@";

// The text of `base` with `quoted_marker` (the marker as dumped) replaced
// by raw text: lets a case hold what nlohmann would never print (1e400,
// -0.0, a duplicate key, invalid bytes).
std::string Splice(const Json& base,
                   const std::string& quoted_marker,
                   const std::string& raw) {
  std::string text = base.dump(1);
  const size_t at = text.find(quoted_marker);
  text.replace(at, quoted_marker.size(), raw);
  return text;
}

// Every node below the root, as paths (objects and arrays included).
void Walk(const Json& node, Path& path, std::vector<Path>& out) {
  if (!path.empty()) out.push_back(path);
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      path.push_back({it.key(), -1});
      Walk(it.value(), path, out);
      path.pop_back();
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      path.push_back({"", static_cast<long>(i)});
      Walk(node[i], path, out);
      path.pop_back();
    }
  }
}

}  // namespace

std::string WithValue(Json base,
                      const std::string& path,
                      const std::string& raw) {
  At(base, ParsePath(path)) = kMarker;
  return Splice(base, std::string("\"") + kMarker + "\"", raw);
}

// `base` with a raw member ("key": value) added last to the object at path.
std::string WithMember(Json base,
                       const std::string& path,
                       const std::string& raw_member) {
  Json& object = path.empty() ? base : At(base, ParsePath(path));
  object[kMarker] = 0;
  return Splice(base, std::string("\"") + kMarker + "\": 0", raw_member);
}

std::vector<Path> NodesOf(const Json& root) {
  std::vector<Path> nodes;
  Path path;
  Walk(root, path, nodes);
  return nodes;
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string Printable(const std::string& text, size_t max) {
  std::string out;
  for (const unsigned char c : text.substr(0, max))
    out += (c < 0x20 || c >= 0x7f) ? '?' : static_cast<char>(c);
  return out;
}

void Corpus::Write(const fs::path& dir) const {
  fs::create_directories(dir);
  std::ofstream manifest(dir / "manifest.tsv", std::ios::binary);
  for (size_t i = 0; i < cases_.size(); ++i) {
    const Case& c = cases_[i];
    char name[64];
    std::snprintf(name, sizeof name, "%03zu-%s.json", i, c.slug.c_str());
    const fs::path file = dir / name;
    if (c.kind == Kind::kFolder) {
      fs::create_directories(file / "inner.json");
    } else if (c.kind == Kind::kLinkToZero) {
      fs::create_symlink("/dev/zero", file);
    } else if (c.kind == Kind::kFile) {
      std::ofstream(file, std::ios::binary) << c.text;
    }
    manifest << name << '\t' << c.command << '\t' << c.status << '\t'
             << Printable(c.expect.empty() ? name : c.expect) << '\t'
             << Printable(c.description) << '\n';
  }
}

// The valid bases: a small grid spec and a small run config.
Json BaseSpec() {
  return Json::parse(R"({
 "name": "corpus", "description": "a valid base of the hostile corpus",
 "seed": 3, "precision": "float",
 "data": {"num_patches": 8, "train_size": 40, "test_size": 60,
          "synthetic": {"patch_dim": 16, "num_sets": 4, "num_confusers": 1,
                        "delta_d": 0.5, "delta_r": 0.4}},
 "training": {"epochs": 2, "learning_rate": 0.2, "batch_size": 20,
              "targets": [0.1]},
 "models": {"cnn": {"type": "cnn", "neurons": 8},
            "joint": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4,
                      "top_l": 2},
            "sep": {"type": "pmoe_separate", "neurons": 8, "top_l": 2,
                    "training": {"router_epochs": 2}}},
 "grid": {"axes": {"N": [40, 60]}, "repeats": 1},
 "analysis": {"target": 0.1, "success_fraction": 0.75, "bootstrap": 20},
 "expect": [{"name": "cnn learns", "rule": "value", "model": "cnn",
             "at_most": 1, "where": {"N": 40}}]})");
}

Json BaseConfig() {
  return Json::parse(R"({
 "seed": 2, "precision": "float",
 "data": {"source": "synthetic", "num_patches": 8, "train_size": 40,
          "test_size": 50, "position": "uniform", "noise_std": 0.0,
          "spurious": {"enabled": false},
          "synthetic": {"patch_dim": 16, "num_sets": 4, "delta_d": 0.5,
                        "delta_r": 0.4, "set_radius": 0.3,
                        "num_confusers": 1, "confuser_strength": 0.8}},
 "model": {"type": "pmoe_joint", "neurons": 8, "num_experts": 4, "top_l": 2,
           "gate": "softmax_top_l", "pooling": "paper"},
 "training": {"learning_rate": 0.2, "batch_size": 20, "epochs": 3,
              "shuffle": true, "eval_every": 0, "targets": [0.1]}})");
}
namespace {

struct Replacement {
  std::string raw;
  std::string label;
};

// Values of every other JSON type than `v`'s (none of them empty, so an
// empty list or object that might be allowed is never the replacement).
std::vector<Replacement> WrongTypes(const Json& v) {
  const std::string dumped = v.dump();
  const Json as_string = dumped;
  if (v.is_number()) {
    return {{as_string.dump(), "a string"},
            {"[" + dumped + "]", "an array"},
            {"{\"value\": " + dumped + "}", "an object"},
            {"null", "null"},
            {"true", "a bool"}};
  }
  if (v.is_string()) {
    return {{"7", "a number"},
            {"[" + dumped + "]", "an array"},
            {"{\"value\": " + dumped + "}", "an object"},
            {"null", "null"},
            {"false", "a bool"}};
  }
  if (v.is_boolean()) {
    return {{as_string.dump(), "a string"},
            {"1", "a number"},
            {"[" + dumped + "]", "an array"},
            {"{\"on\": true}", "an object"},
            {"null", "null"}};
  }
  if (v.is_array()) {
    return {{as_string.dump(), "a string"},
            {"1", "a number"},
            {"{\"0\": " + v.front().dump() + "}", "an object"},
            {"null", "null"},
            {"true", "a bool"}};
  }
  return {{as_string.dump(), "a string"},
          {"7", "a number"},
          {"[" + dumped + "]", "an array"},
          {"null", "null"},
          {"true", "a bool"}};
}
}  // namespace

// Every node of each base replaced by a value of each other type.
void WrongTypeCases(Corpus& corpus) {
  Json spec = BaseSpec();
  for (const Path& p : NodesOf(spec)) {
    const std::string path = PathText(p);
    for (const Replacement& r : WrongTypes(At(spec, p)))
      corpus.Spec("type", path, path + " is " + r.label,
                  WithValue(spec, path, r.raw));
  }
  // The config shares the spec's parsers: two types per node, in turn.
  Json config = BaseConfig();
  size_t turn = 0;
  for (const Path& p : NodesOf(config)) {
    const std::string path = PathText(p);
    if (path == "data.spurious") continue;  // an object of defaults only
    const std::vector<Replacement> all = WrongTypes(At(config, p));
    for (const size_t k : {turn % all.size(), (turn + 2) % all.size()}) {
      corpus.Config("type", path, path + " is " + all[k].label,
                    WithValue(config, path, all[k].raw));
    }
    ++turn;
  }
}
// Keys no schema knows, at every level, and near misses of real ones.
void UnknownKeyCases(Corpus& corpus) {
  Json spec = BaseSpec();
  std::vector<std::string> objects = {""};
  for (const Path& p : NodesOf(spec)) {
    if (At(spec, p).is_object()) objects.push_back(PathText(p));
  }
  for (const std::string& path : objects) {
    const std::string where = path.empty() ? "" : path + ".";
    corpus.Spec("unknown-key", where + "bogus_key",
                "unknown key at " + (path.empty() ? "the top" : path),
                WithMember(spec, path, "\"bogus_key\": 1"));
  }
  const std::pair<const char*, const char*> near_misses[] = {
      {"", "trainng"},
      {"", "Seed"},
      {"", "name "},
      {"", ""},
      {"data", "num_patch"},
      {"models.cnn", "neuron"},
      {"grid", "axis"},
      {"training", "learning-rate"},
      {"data.synthetic", "patchdim"},
  };
  for (const auto& [path, key] : near_misses) {
    const std::string where = std::string(path) + (*path ? "." : "");
    corpus.Spec("near-miss-key", where + key,
                "misspelt key '" + std::string(key) + "'",
                WithMember(spec, path, Json(key).dump() + ": 1"));
  }
  Json config = BaseConfig();
  for (const char* path :
       {"", "data", "data.synthetic", "data.spurious", "model", "training"}) {
    const std::string where = std::string(path) + (*path ? "." : "");
    corpus.Config("unknown-key", where + "bogus_key",
                  "unknown key at " + std::string(*path ? path : "the top"),
                  WithMember(config, path, "\"bogus_key\": 1"));
  }
  corpus.Config("unknown-key", "models", "a spec's models section in a config",
                WithMember(config, "", "\"models\": {}"));
  corpus.Config("unknown-key", "top_l", "top_l on a model that has none (cnn)",
                WithValue(config, "model", R"({"type": "cnn", "top_l": 2})"));
}

// A key given twice, in every object of the spec and of the config.
void DuplicateKeyCases(Corpus& corpus) {
  for (const bool is_spec : {true, false}) {
    Json base = is_spec ? BaseSpec() : BaseConfig();
    std::vector<std::string> objects = {""};
    for (const Path& p : NodesOf(base)) {
      if (At(base, p).is_object() && !At(base, p).empty())
        objects.push_back(PathText(p));
    }
    for (const std::string& path : objects) {
      const Json& object = path.empty() ? base : At(base, ParsePath(path));
      const std::string key = object.begin().key();
      const std::string member =
          Json(key).dump() + ": " + object.begin()->dump();
      const std::string full = path.empty() ? key : path + "." + key;
      const std::string text = WithMember(base, path, member);
      if (is_spec) {
        corpus.Spec("duplicate-key", full, "key " + full + " given twice",
                    text);
      } else {
        corpus.Config("duplicate-key", full, "key " + full + " given twice",
                      text);
      }
    }
  }
}
}  // namespace hostile_corpus

using namespace hostile_corpus;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: hostile_corpus DIR\n");
    return 2;
  }
  Corpus corpus;
  corpus.Valid("validate", "the base spec", BaseSpec().dump(1));
  corpus.Valid("run", "the base spec", BaseSpec().dump(1));
  corpus.Valid("train", "the base config", BaseConfig().dump(1));
  WrongTypeCases(corpus);
  RangeCases(corpus);
  UnknownKeyCases(corpus);
  DuplicateKeyCases(corpus);
  NestingCases(corpus);
  SizeCases(corpus);
  EncodingCases(corpus);
  SyntaxCases(corpus);
  TruncationAndFileCases(corpus);
  NameCases(corpus);
  AxisCases(corpus);
  OptionCases(corpus);
  InputRuleCases(corpus);
  corpus.Write(argv[1]);
  std::printf("%zu cases in %s\n", corpus.size(), argv[1]);
  return 0;
}
