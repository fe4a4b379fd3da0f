// Corpus cases of bytes and shapes: nesting, sizes, encodings, syntax,
// truncated, empty and odd files (hostile_corpus.h).
#include "tests/tools/hostile_corpus.h"

namespace hostile_corpus {

// Arrays and objects nested 10^4 deep (and just past the limit of 100).
void NestingCases(Corpus& corpus) {
  Json spec = BaseSpec();
  const std::string deep = Repeat("[", 10000) + Repeat("]", 10000);
  const char* places[] = {
      "name",        "seed",   "data.num_patches", "models.cnn.neurons",
      "grid.axes.N", "expect", "analysis.target",  "training.targets[0]"};
  for (const char* path : places) {
    corpus.Spec("deep-arrays", path, std::string(path) + " nested 10^4 deep",
                WithValue(spec, path, deep));
  }
  corpus.Spec("deep-arrays", "", "a file of 10^4 nested arrays", deep);
  corpus.Spec("deep-arrays", "", "10^4 unclosed arrays", Repeat("[", 10000));
  const std::string objects =
      Repeat("{\"a\": ", 10000) + "1" + Repeat("}", 10000);
  corpus.Spec("deep-objects", "data", "data nested 10^4 objects deep",
              WithValue(spec, "data", objects));
  corpus.Spec("deep-objects", "grid.axes", "an axis of 10^4 nested objects",
              WithValue(spec, "grid.axes", objects));
  corpus.Spec("deep-mixed", "models",
              "models nested 10^4 deep, arrays and objects",
              WithValue(spec, "models",
                        Repeat("{\"m\": [", 5000) + Repeat("]}", 5000)));
  corpus.Spec("nesting-101", "training.learning_rate",
              "learning_rate 101 levels deep (the limit is 100)",
              WithValue(spec, "training.learning_rate",
                        Repeat("[", 101) + Repeat("]", 101)));
  corpus.Spec("nesting-99", "training.learning_rate",
              "learning_rate an array 99 deep (within the limit, wrong type)",
              WithValue(spec, "training.learning_rate",
                        Repeat("[", 99) + "0.1" + Repeat("]", 99)));
  Json config = BaseConfig();
  corpus.Config("deep-arrays", "model.neurons", "neurons nested 10^4 deep",
                WithValue(config, "model.neurons", deep));
  corpus.Config("deep-objects", "data.synthetic",
                "synthetic nested 10^4 objects deep",
                WithValue(config, "data.synthetic", objects));
}

// Megabyte keys, names and numbers; memory and run counts past the limits.
void SizeCases(Corpus& corpus) {
  Json spec = BaseSpec();
  const std::string mb(1 << 20, 'k');
  const std::string key = Json(mb).dump();
  corpus.Spec("huge-key", "kkk...", "a 1 MB key at the top",
              WithMember(spec, "", key + ": 1"));
  corpus.Spec("huge-key", "data.kkk", "a 1 MB key in data",
              WithMember(spec, "data", key + ": 1"));
  corpus.Spec("huge-key", "grid.axes.kkk", "a 1 MB axis name",
              WithMember(spec, "grid.axes", key + ": [1]"));
  corpus.Spec("huge-name", "name", "a 1 MB grid name",
              WithValue(spec, "name", key));
  corpus.Spec("huge-value", "models.cnn.type", "a 1 MB model type",
              WithValue(spec, "models.cnn.type", key));
  corpus.Spec("huge-value", "data.source", "a 1 MB data source",
              WithMember(spec, "data", "\"source\": " + key));
  corpus.Spec("huge-value", "training.protocol", "a 1 MB protocol",
              WithMember(spec, "training", "\"protocol\": " + key));
  corpus.Spec("huge-number", "models.cnn.neurons",
              "neurons written with 10^6 digits",
              WithValue(spec, "models.cnn.neurons", std::string(1000000, '9')));
  corpus.Spec("huge-number", "training.learning_rate",
              "learning_rate 1e400 (overflows a double)",
              WithValue(spec, "training.learning_rate", "1e400"));
  corpus.Spec("huge-number", "training.learning_rate", "learning_rate -1e400",
              WithValue(spec, "training.learning_rate", "-1e400"));
  corpus.Spec("huge-memory", "models.big", "a run larger than memory",
              WithMember(spec, "models",
                         R"("big": {"type": "cnn", "neurons": 100000000})"));
  corpus.Spec("huge-memory", "data.test_size: a run needs",
              "a test set of 10^8 samples of 8 x 100000",
              WithValue(spec, "data",
                        R"({"num_patches": 8, "test_size": 100000000,
                            "synthetic": {"patch_dim": 100000}})"));
  corpus.Spec("huge-grid", "grid", "10^6 repeats of a 1000-value axis",
              WithValue(spec, "grid",
                        R"({"axes": {"N": {"from": 40, "to": 100000,
                            "num": 1000}}, "repeats": 1000000})"));
  corpus.Spec("huge-grid", "grid: expands to", "an axis of 200001 values",
              WithValue(spec, "grid.axes",
                        "{\"eta\": [0.1" + Repeat(", 0.1", 200000) + "]}"));
  Case big{"huge-file", "validate", "", "a 65 MB spec (limit 64 MB)",
           "{\"name\": \"x\", \"description\": \"" +
               std::string(65u << 20, 'a') + "\"}"};
  corpus.Add(big);
  Json config = BaseConfig();
  corpus.Config(
      "huge-memory", "model",
      "a config whose run needs more memory than the machine has",
      WithValue(config, "model", R"({"type": "cnn", "neurons": 100000000})"));
  corpus.Config("huge-key", "kkk...", "a 1 MB key in a config",
                WithMember(config, "", key + ": 1"));
}
// Bytes that are not UTF-8 JSON: invalid sequences, BOMs, NULs, controls.
void EncodingCases(Corpus& corpus) {
  Json spec = BaseSpec();
  const std::pair<const char*, std::string> bad_bytes[] = {
      {"a lone continuation byte", "\x80"},
      {"0xff", "\xff"},
      {"a truncated 2-byte sequence", "\xc3"},
      {"an overlong '/'", "\xc0\xaf"},
      {"an overlong NUL", "\xc0\x80"},
      {"a UTF-16 surrogate in UTF-8", "\xed\xa0\x80"},
      {"a 5-byte sequence", "\xf8\x88\x80\x80\x80"},
      {"a code point above U+10FFFF", "\xf4\x90\x80\x80"},
      {"Latin-1 e-acute", "caf\xe9"},
  };
  for (const auto& [what, bytes] : bad_bytes) {
    corpus.Spec("utf8-value", "", std::string("name holds ") + what,
                WithValue(spec, "name", "\"corpus" + bytes + "\""));
    corpus.Spec("utf8-key", "", std::string("a key holds ") + what,
                WithMember(spec, "data", "\"num" + bytes + "\": 1"));
  }
  corpus.Spec("utf8-description", "", "description holds 0xfe 0xff",
              WithValue(spec, "description", "\"text \xfe\xff\""));
  corpus.Spec("escape", "", "an unpaired \\ud800 escape",
              WithValue(spec, "name", R"("a\ud800b")"));
  corpus.Spec("escape", "", "a lone low surrogate \\udc00",
              WithValue(spec, "name", R"("\udc00")"));
  corpus.Spec("escape", "", "an invalid escape \\x41",
              WithValue(spec, "name", R"("\x41")"));
  corpus.Spec("escape", "", "a short \\u escape",
              WithValue(spec, "name", R"("\u12")"));
  corpus.Spec("escape", "name", "name holds an escaped NUL",
              WithValue(spec, "name", R"("cor\u0000pus")"));
  corpus.Spec("escape", "models.cnn.type", "model type holds an escaped NUL",
              WithValue(spec, "models.cnn.type", R"("cnn\u0000")"));
  corpus.Spec("nul", "", "a raw NUL byte inside the name",
              WithValue(spec, "name", std::string("\"cor\0pus\"", 9)));
  corpus.Spec("nul", "", "a raw NUL byte between members",
              WithMember(spec, "", std::string("\0\"x\": 1", 7)));
  corpus.Spec("nul", "", "a NUL byte after the document",
              spec.dump(1) + std::string(1, '\0'));
  corpus.Spec("nul", "", "a file of NUL bytes", std::string(64, '\0'));
  corpus.Spec("control", "", "a raw tab inside a string",
              WithValue(spec, "name", "\"cor\tpus\""));
  corpus.Spec("control", "", "a raw newline inside a string",
              WithValue(spec, "description", "\"line\nbreak\""));
  corpus.Spec("control", "", "a raw ESC inside a key",
              WithMember(spec, "", "\"\x1b[31m\": 1"));
  const std::string bom = "\xef\xbb\xbf";
  corpus.Spec("bom", "", "a UTF-8 BOM then garbage", bom + "garbage");
  corpus.Spec("bom", "", "two UTF-8 BOMs", bom + bom + spec.dump(1));
  corpus.Spec("bom", "", "a BOM inside the document",
              WithMember(spec, "", bom + "\"x\": 1"));
  corpus.Spec("bom", "", "a BOM after the document", spec.dump(1) + bom);
  std::string utf16le = "\xff\xfe", utf16be = "\xfe\xff", utf32;
  for (const char c : spec.dump()) {
    utf16le += std::string(1, c) + '\0';
    utf16be += std::string(1, '\0') + c;
    utf32 += std::string(1, c) + std::string(3, '\0');
  }
  corpus.Spec("utf16", "", "UTF-16LE with a BOM", utf16le);
  corpus.Spec("utf16", "", "UTF-16BE with a BOM", utf16be);
  corpus.Spec("utf32", "", "UTF-32LE without a BOM", utf32);
  Json config = BaseConfig();
  corpus.Config("utf8-value", "", "model type holds 0xff",
                WithValue(config, "model.type", "\"cnn\xff\""));
  corpus.Config("bom", "", "UTF-16LE config", utf16le);
}

// Text that is not JSON: the extensions of other parsers, typos, garbage.
void SyntaxCases(Corpus& corpus) {
  Json spec = BaseSpec();
  const std::string text = spec.dump(1);
  const std::string body = text.substr(0, text.size() - 2);  // no "\n}"
  const std::pair<const char*, std::string> cases[] = {
      {"trailing garbage", text + "x"},
      {"a second document", text + "{}"},
      {"an extra closing brace", text + "}"},
      {"a trailing comma in the top object", body + ",\n}"},
      {"a trailing comma in an array",
       WithValue(spec, "grid.axes.N", "[40, 60,]")},
      {"a // comment", "// spec\n" + text},
      {"a /* */ comment", "/* spec */" + text},
      {"a # comment", "# spec\n" + text},
      {"single-quoted strings", WithValue(spec, "name", "'corpus'")},
      {"an unquoted key", WithMember(spec, "", "seed2: 1")},
      {"an unquoted value", WithValue(spec, "precision", "float")},
      {"a hex number", WithValue(spec, "seed", "0x10")},
      {"a leading zero", WithValue(spec, "seed", "08")},
      {"a leading plus", WithValue(spec, "seed", "+3")},
      {"a bare fraction .5", WithValue(spec, "training.learning_rate", ".5")},
      {"a trailing dot 1.", WithValue(spec, "training.learning_rate", "1.")},
      {"NaN", WithValue(spec, "training.learning_rate", "NaN")},
      {"Infinity", WithValue(spec, "training.learning_rate", "Infinity")},
      {"-Infinity", WithValue(spec, "data.synthetic.delta_d", "-Infinity")},
      {"True", WithValue(spec, "expect", "True")},
      {"None", WithValue(spec, "analysis", "None")},
      {"undefined", WithValue(spec, "grid.repeats", "undefined")},
      {"a missing colon", WithMember(spec, "", "\"x\" 1")},
      {"a missing comma", WithValue(spec, "grid.axes.N", "[40 60]")},
      {"an unbalanced bracket", WithValue(spec, "grid.axes.N", "[40, 60")},
      {"an unterminated string", WithValue(spec, "name", "\"corpus")},
      {"a lone minus", WithValue(spec, "seed", "-")},
      {"an exponent without digits", WithValue(spec, "seed", "1e")},
      {"JSON lines: two specs", spec.dump() + "\n" + spec.dump() + "\n"},
      {"a shell script", "#!/bin/sh\ntouch PWNED\n"},
  };
  for (const auto& [what, bytes] : cases)
    corpus.Spec("syntax", "", what, bytes);
  corpus.Spec("not-object", "$", "a spec quoted as a JSON string",
              Json(text).dump());
  const std::pair<const char*, const char*> not_objects[] = {
      {"an array", "[]"}, {"a string", "\"spec\""}, {"a number", "42"},
      {"null", "null"},   {"true", "true"},
  };
  for (const auto& [what, bytes] : not_objects) {
    corpus.Spec("not-object", "$", std::string("the document is ") + what,
                bytes);
    corpus.Config("not-object", "$", std::string("the config is ") + what,
                  bytes);
  }
  corpus.Spec("empty-object", "name", "the spec is {}", "{}");
  corpus.Config("empty-object", "model", "the config is {}", "{}");
  corpus.Config("syntax", "", "a config with trailing garbage",
                BaseConfig().dump(1) + " ]");
  corpus.Config("syntax", "", "a config with a comment",
                "// run\n" + BaseConfig().dump(1));
}

// Every file cut short, at evenly spaced points; empty and odd files.
void TruncationAndFileCases(Corpus& corpus) {
  const std::string spec = BaseSpec().dump(1);
  for (int i = 1; i <= 12; ++i) {
    const size_t cut = spec.size() * i / 13;
    corpus.Spec("truncated", "",
                "the spec cut after " + std::to_string(cut) + " bytes",
                spec.substr(0, cut));
  }
  const std::string config = BaseConfig().dump(1);
  for (int i = 1; i <= 6; ++i) {
    const size_t cut = config.size() * i / 7;
    corpus.Config("truncated", "",
                  "the config cut after " + std::to_string(cut) + " bytes",
                  config.substr(0, cut));
  }
  for (const char* command : {"validate", "run", "train"}) {
    const std::string c = command;
    corpus.Add({"empty", c, "", "an empty file (" + c + ")", ""});
    corpus.Add(
        {"blank", c, "", "a file of whitespace (" + c + ")", " \n\t\r\n "});
    Case folder{"folder", c, "", "a folder given as the file (" + c + ")", ""};
    folder.kind = Kind::kFolder;
    corpus.Add(folder);
    Case missing{"missing", c, "", "a file that does not exist (" + c + ")",
                 ""};
    missing.kind = Kind::kMissing;
    corpus.Add(missing);
    Case zero{"dev-zero", c, "", "a symlink to /dev/zero (" + c + ")", ""};
    zero.kind = Kind::kLinkToZero;
    corpus.Add(zero);
  }
}
}  // namespace hostile_corpus
