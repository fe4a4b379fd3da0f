// The hostile-input corpus (tests/cli/fault_corpus_test.sh): a case is one
// malformed spec or run config, made from a valid base by breaking one
// thing; Corpus writes the files and their manifest.
#ifndef PMOE_TESTS_TOOLS_HOSTILE_CORPUS_H_
#define PMOE_TESTS_TOOLS_HOSTILE_CORPUS_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hostile_corpus {

using Json = nlohmann::ordered_json;

enum class Kind { kFile, kFolder, kMissing, kLinkToZero };

struct Case {
  std::string slug;     // category, part of the file name
  std::string command;  // validate, run or train
  std::string expect;   // text the message must hold; "" = the file name
  std::string description;
  std::string text;  // the file's bytes
  Kind kind = Kind::kFile;
  // active: refused today; pending: a known gap, its refusal not yet made;
  // valid: a base the corpus mutates, which must be accepted.
  std::string status = "active";
};

// One step of a JSON path: an object key, or an array index (>= 0).
struct Step {
  std::string key;
  long index = -1;
};
using Path = std::vector<Step>;

std::string PathText(const Path& path);
Path ParsePath(const std::string& dotted);  // "a.b[0].c"; keys hold no dots
Json& At(Json& root, const Path& path);
// `base` with the value at `path` replaced by raw JSON text (which nlohmann
// would never print: 1e400, -0.0, invalid bytes).
std::string WithValue(Json base,
                      const std::string& path,
                      const std::string& raw);
// `base` with a raw member ("key": value) added last to the object at path.
std::string WithMember(Json base,
                       const std::string& path,
                       const std::string& raw_member);
std::vector<Path> NodesOf(const Json& root);  // every node below the root
std::string Repeat(const std::string& s, size_t n);
// For the manifest: tabs, newlines and other control bytes shown as '?'.
std::string Printable(const std::string& text, size_t max = 160);

// The valid bases: a small grid spec and a small run config.
Json BaseSpec();
Json BaseConfig();

class Corpus {
 public:
  void Add(Case c) { cases_.push_back(std::move(c)); }
  // A spec case checked by `validate`, and by `run` for every 7th.
  void Spec(const std::string& slug,
            const std::string& expect,
            const std::string& description,
            const std::string& text) {
    const bool sample = ++spec_count_ % 7 == 0;
    Add({slug, sample ? "run" : "validate", expect, description, text});
  }
  void Config(const std::string& slug,
              const std::string& expect,
              const std::string& description,
              const std::string& text) {
    Add({slug, "train", expect, description, text});
  }
  void Pending(const std::string& slug,
               const std::string& command,
               const std::string& expect,
               const std::string& description,
               const std::string& text) {
    Case c{slug, command, expect, description, text};
    c.status = "pending";
    Add(c);
  }
  void Valid(const std::string& command,
             const std::string& description,
             const std::string& text) {
    Case c{"valid", command, "", description, text};
    c.status = "valid";
    Add(c);
  }
  void Write(const std::filesystem::path& dir) const;
  size_t size() const { return cases_.size(); }

 private:
  std::vector<Case> cases_;
  int spec_count_ = 0;
};

// One edit of a base: the JSON path set, the raw value, what is wrong.
struct SpecEdit {
  const char* path;
  const char* raw;
  const char* what;
  const char* expect = nullptr;  // text the message must hold; null: path
};

// The cases, by category (hostile_corpus.cc, _bytes.cc, _values.cc).
void WrongTypeCases(Corpus& corpus);
void UnknownKeyCases(Corpus& corpus);
void DuplicateKeyCases(Corpus& corpus);
void NestingCases(Corpus& corpus);
void SizeCases(Corpus& corpus);
void EncodingCases(Corpus& corpus);
void SyntaxCases(Corpus& corpus);
void TruncationAndFileCases(Corpus& corpus);
void RangeCases(Corpus& corpus);
void NameCases(Corpus& corpus);
void AxisCases(Corpus& corpus);
void OptionCases(Corpus& corpus);
void InputRuleCases(Corpus& corpus);

}  // namespace hostile_corpus

#endif  // PMOE_TESTS_TOOLS_HOSTILE_CORPUS_H_
