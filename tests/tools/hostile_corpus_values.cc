// Corpus cases of values: out of range numbers, hostile names, grid axes,
// options and rules, and the input rules (one value twice, options that
// do not apply, runs too large for memory)
// (hostile_corpus.h).
#include "tests/tools/hostile_corpus.h"

namespace hostile_corpus {

struct RangeCase {
  const char* path;
  const char* raw;
  const char* expect = nullptr;  // text the message must hold; null: path
};

const RangeCase kSpecRanges[] = {
    {"seed", "-1"},
    {"seed", "1.5"},
    {"seed", "18446744073709551616"},
    {"seed", "1e308"},
    {"data.num_patches", "0"},
    {"data.num_patches", "-1"},
    {"data.num_patches", "2.5"},
    {"data.num_patches", "1025"},
    {"data.num_patches", "9223372036854775808"},
    {"data.train_size", "0"},
    {"data.train_size", "1e308"},
    {"data.train_size", "-0.0"},
    {"data.test_size", "0"},
    {"data.test_size", "100000001"},
    {"data.synthetic.patch_dim", "0"},
    {"data.synthetic.patch_dim", "3"},
    {"data.synthetic.num_sets", "0"},
    {"data.synthetic.num_sets", "-1"},
    {"data.synthetic.num_confusers", "-1"},
    {"data.synthetic.num_confusers", "8"},
    {"data.synthetic.delta_d", "1"},
    {"data.synthetic.delta_d", "-1"},
    {"data.synthetic.delta_d", "1e308"},
    {"data.synthetic.delta_r", "-0.1"},
    {"data.synthetic.delta_r", "2"},
    {"training.epochs", "0"},
    {"training.epochs", "-1"},
    {"training.epochs", "1.5"},
    {"training.epochs", "1e308"},
    {"training.learning_rate", "0"},
    {"training.learning_rate", "-0.0"},
    {"training.learning_rate", "-1"},
    {"training.learning_rate", "1e-400"},
    {"training.batch_size", "0"},
    {"training.batch_size", "-20"},
    {"training.batch_size", "20.5"},
    {"training.targets[0]", "1.5"},
    {"training.targets[0]", "-0.1"},
    {"training.targets", "[]"},
    {"models.cnn.neurons", "0"},
    {"models.cnn.neurons", "-8"},
    {"models.cnn.neurons", "8.5"},
    {"models.cnn.neurons", "1e308"},
    {"models.joint.num_experts", "0"},
    {"models.joint.num_experts", "3", "models.joint"},
    {"models.joint.top_l", "0"},
    {"models.joint.top_l", "9"},
    {"models.sep.top_l", "-2"},
    {"models.sep.training.router_epochs", "0"},
    {"grid.repeats", "0"},
    {"grid.repeats", "-1"},
    {"grid.repeats", "1.5"},
    {"grid.repeats", "10000000", "grid"},
    {"grid.axes.N", "[]"},
    {"analysis.target", "1.5"},
    {"analysis.target", "-0.1"},
    {"analysis.success_fraction", "0"},
    {"analysis.success_fraction", "1.5"},
    {"analysis.bootstrap", "-1"},
    {"analysis.bootstrap", "1e9"},
    {"analysis.bootstrap", "2.5"},
};

const RangeCase kConfigRanges[] = {
    {"seed", "-5"},
    {"data.noise_std", "-1"},
    {"data.test_size", "-1"},
    {"data.synthetic.set_radius", "-1"},
    {"data.synthetic.confuser_strength", "2"},
    {"data.synthetic.confuser_strength", "-2"},
    {"model.top_l", "100"},
    {"model.neurons", "6"},
    {"training.eval_every", "-1"},
    {"training.epochs", "100000001"},
    {"training.learning_rate", "-1e308"},
};

// Numbers of the right type but out of range, overflowing, or fractions
// where integers are needed.
void RangeCases(Corpus& corpus) {
  const Json spec = BaseSpec();
  for (const RangeCase& c : kSpecRanges) {
    corpus.Spec("range", c.expect ? c.expect : c.path,
                std::string(c.path) + " = " + c.raw,
                WithValue(spec, c.path, c.raw));
  }
  const Json config = BaseConfig();
  for (const RangeCase& c : kConfigRanges) {
    corpus.Config("range", c.expect ? c.expect : c.path,
                  std::string(c.path) + " = " + c.raw,
                  WithValue(config, c.path, c.raw));
  }
}

// Names that are not folder names: shell and gnuplot metacharacters, paths,
// control characters, lengths. Grid and model names alike hold only
// [A-Za-z0-9_.-].
std::vector<std::pair<std::string, std::string>> HostileNames() {
  return {
      {"cnn`touch PWNED`", "a backtick command"},
      {"x\"\nsystem('touch PWNED')\n#", "a quote, newline and system()"},
      {"a;touch PWNED", "a ';' command"},
      {"$(touch PWNED)", "a $() command"},
      {"a|touch PWNED", "a pipe"},
      {"r';touch PWNED;'", "single quotes around a command"},
      {"a/b", "a '/'"},
      {"../escape", "a '..' path"},
      {"..", "'..'"},
      {".", "'.'"},
      {"", "empty"},
      {"a b", "a space"},
      {"tab\there", "a tab"},
      {"new\nline", "a newline"},
      {"back\\slash", "a backslash"},
      {"it's", "a single quote"},
      {"caf\xc3\xa9", "a non-ASCII letter"},
      {"star*", "a glob"},
      {"%s%n", "printf directives"},
      {std::string(10000, 'm'), "10000 characters"},
  };
}

void NameCases(Corpus& corpus) {
  Json spec = BaseSpec();
  int i = 0;
  for (const auto& [name, what] : HostileNames()) {
    const std::string command = ++i % 2 ? "validate" : "run";
    if (name != "." && name != "..") {  // the fault test has those two
      corpus.Add({"grid-name", command, "name", "grid name with " + what,
                  WithValue(spec, "name", Json(name).dump())});
    }
    Json model = spec;
    model["models"][name] = model["models"]["cnn"];
    model["models"].erase("cnn");
    model["expect"][0]["model"] = name;
    corpus.Add({"model-name", command, "models", "model name with " + what,
                model.dump(1)});
  }
  corpus.Spec("expect-model", "expect[0].model",
              "an expect rule naming a model 'cnn;touch PWNED'",
              WithValue(spec, "expect[0].model", R"("cnn;touch PWNED")"));
  const std::pair<const char*, const char*> axes[] = {
      {"`touch PWNED`", "grid.axes."},
      {"$(touch PWNED)", "grid.axes."},
      {"N;touch PWNED", "grid.axes."},
      {"model.x\ny", "model.x"},
      {"data.synthetic.../../x", "data.synthetic.../../x"},
  };
  for (const auto& [axis, expect] : axes) {
    corpus.Spec(
        "axis-name", expect, "axis named " + Printable(axis),
        WithValue(spec, "grid.axes", "{" + Json(axis).dump() + ": [1]}"));
  }
  Json images = spec;
  images["data"] = {{"source", "fashion_mnist"},
                    {"fashion_mnist", {{"directory", "$(touch PWNED)"}}}};
  corpus.Add({"data-directory", "run", "$(touch PWNED)",
              "Fashion-MNIST directory '$(touch PWNED)' (no such folder)",
              images.dump(1)});
  images["data"]["fashion_mnist"]["directory"] = "/dev/zero";
  corpus.Add({"data-directory", "run", "/dev/zero",
              "Fashion-MNIST directory /dev/zero", images.dump(1)});
}

// An axis's bad value is reported at the field it sets ("data.train_size",
// or "grid.NAME" for a model option) or at the grid; either names it.
const char* const kN = "grid.axes.N||data.train_size";

const SpecEdit kAxisEdits[] = {
    {"grid.axes.N", "[0]", "N 0", kN},
    {"grid.axes.N", "[-1]", "N -1", kN},
    {"grid.axes.N", "[40.5]", "N a fraction", kN},
    {"grid.axes.N", R"(["40"])", "N a string"},
    {"grid.axes.N", "[null]", "N null"},
    {"grid.axes.N", "[[40]]", "N [[40]]"},
    {"grid.axes.N", "[true]", "N true"},
    {"grid.axes.N", "[1e308]", "N 1e308", kN},
    {"grid.axes.N", "[40, 9223372036854775808]", "N 2^63", kN},
    {"grid.axes", R"({"n": [0]})", "n 0", "grid.axes.n||data.num_patches"},
    {"grid.axes", R"({"n": [2000]})", "n above 1024",
     "grid.axes.n||data.num_patches"},
    {"grid.axes", R"({"l": [9]})", "l above n", "grid.axes.l||top_l"},
    {"grid.axes", R"({"l": [0]})", "l 0", "grid.axes.l||grid.l"},
    {"grid.axes", R"({"k": [3]})", "k not dividing m",
     "grid.axes.k||models.joint"},
    {"grid.axes", R"({"m": [0]})", "m 0", "grid.axes.m||grid.m"},
    {"grid.axes", R"({"eta": [0]})", "eta 0",
     "grid.axes.eta||training.learning_rate"},
    {"grid.axes", R"({"eta": [-0.1]})", "eta negative",
     "grid.axes.eta||training.learning_rate"},
    {"grid.axes", R"({"B": [0]})", "B 0", "grid.axes.B||training.batch_size"},
    {"grid.axes", R"({"epochs": [0]})", "epochs 0",
     "grid.axes.epochs||training.epochs"},
    {"grid.axes", R"({"N_r": [-1]})", "N_r -1",
     "grid.axes.N_r||training.router_samples"},
    {"grid.axes", R"({"d": [2]})", "d below p + 3",
     "grid.axes.d||data.synthetic.patch_dim"},
    {"grid.axes", R"({"p": [0]})", "p 0",
     "grid.axes.p||data.synthetic.num_sets"},
    {"grid.axes", R"({"delta_d": [1]})", "delta_d 1",
     "grid.axes.delta_d||data.synthetic.delta_d"},
    {"grid.axes", R"({"alpha": [5]})", "alpha 5",
     "grid.axes.alpha||data.synthetic.confuser_strength"},
    {"grid.axes", R"({"noise": [-1]})", "noise -1",
     "grid.axes.noise||data.noise_std"},
    {"grid.axes", R"({"confusers": [-1]})", "confusers -1",
     "grid.axes.confusers||data.synthetic.num_confusers"},
    {"grid.axes", R"({"top_k": [1]})", "top_k, an option no model has",
     "grid.axes.top_k||grid.top_k"},
    {"grid.axes", R"({"q": [1]})", "an unknown axis q", "grid.axes.q"},
    {"grid.axes", R"({"data.bogus": [1]})", "axis data.bogus", "data.bogus"},
    {"grid.axes", R"({"model.bogus": [1]})", "axis model.bogus", "model.bogus"},
    {"grid.axes", R"({"training.bogus": [1]})", "axis training.bogus",
     "training.bogus"},
    {"grid.axes", R"({"data.": [1]})", "axis 'data.'", "grid.axes.data."},
    {"grid.axes", R"({"models.cnn.neurons": [8]})", "axis models.cnn.neurons",
     "grid.axes.models.cnn.neurons"},
    {"grid.axes", R"({"data.synthetic.bogus": [1]})",
     "axis data.synthetic.bogus", "data.synthetic.bogus"},
    {"grid.axes", R"({"data.clusters.patch_dim": [8]})",
     "another source's option", "data.clusters.patch_dim"},
    {"grid.axes", R"({"data.source": [1]})", "data.source a number",
     "data.source"},
    {"grid.axes", R"({"model.type": [1]})", "model.type a number",
     "model.type"},
    {"grid.axes", R"({"N": [40], "data.train_size": [60]})",
     "N twice, by alias and path", "grid"},
    {"grid.axes", R"({"k": [2], "T": [2]})", "k and T, one option twice",
     "grid"},
    {"grid.axes.N", R"({"from": 40, "to": 10, "num": 0})",
     "a range of 0 values"},
    {"grid.axes.N", R"({"from": 40, "to": 80, "num": -1})",
     "a range of -1 values"},
    {"grid.axes.N", R"({"from": 40, "to": 80, "num": 1000000})",
     "a range of 10^6 values", "grid"},
    {"grid.axes.N", R"({"from": 40, "to": 80, "num": 2.5})",
     "a range of 2.5 values"},
    {"grid.axes.N", R"({"from": 40, "to": 80, "num": 3, "scale": "cubic"})",
     "scale cubic"},
    {"grid.axes.N", R"({"from": 0, "to": 80, "num": 3, "scale": "log"})",
     "a log range from 0"},
    {"grid.axes.N", R"({"from": "40", "to": 80, "num": 3})", "from a string"},
    {"grid.axes.N", R"({"from": 40, "num": 3})", "a range without to"},
    {"grid.axes.N", R"({"from": 40, "to": 80, "num": 3, "step": 1})",
     "a range with step"},
    {"grid.axes.N", "{}", "an empty range"},
    {"grid.axes.N", R"({"from": 1e308, "to": -1e308, "num": 3})",
     "a range of +-1e308", kN},
    {"grid.axes.N", R"({"from": 40, "to": 1e400, "num": 3})",
     "a range to 1e400"},
    {"grid.zip", "{}", "zip an object"},
    {"grid.zip", "[1]", "zip of a number"},
    {"grid.zip", "[{}]", "zip of an empty object"},
    {"grid.zip", R"([{"m": [8, 16], "k": [2]}])",
     "zip lists of unequal length"},
    {"grid.zip", R"([{"N": [40, 60]}])", "zip repeating an axis of axes",
     "grid"},
    {"grid.zip", R"([{"q": [1]}])", "zip of an unknown axis"},
    {"grid.zip", R"([{"m": {"from": 8}}])", "zip of a bad range"},
};

// Grid axes and zips with bad values, names and shapes.
void AxisCases(Corpus& corpus) {
  Json spec = BaseSpec();
  for (const SpecEdit& e : kAxisEdits) {
    const bool member = std::string(e.path) == "grid.zip";
    corpus.Spec("axis", e.expect ? e.expect : e.path, e.what,
                member
                    ? WithMember(spec, "grid", std::string("\"zip\": ") + e.raw)
                    : WithValue(spec, e.path, e.raw));
  }
}

const SpecEdit kSpecOptions[] = {
    {"precision", R"("half")", "precision half"},
    {"models.cnn.type", R"("CNN")", "model type in capitals"},
    {"models.cnn.type", R"("cnn ")", "model type with a trailing space"},
    {"models.cnn.type", R"("")", "an empty model type"},
    {"models.cnn", R"({"neurons": 8})", "a model without a type"},
    {"models.cnn", "{}", "an empty model"},
    {"models", "{}", "no models"},
    {"models.joint.gate", R"("bogus")", "gate bogus"},
    {"models.joint.pooling", R"("bogus")", "pooling bogus"},
    {"models.joint.hidden_init_std", R"("papers")", "hidden_init_std 'papers'"},
    {"models.joint.output_init", R"("bogus")", "output_init bogus"},
    {"models.sep.num_experts", "3", "a separate pMoE of 3 experts"},
    {"models.sep.training", "[]", "model training an array"},
    {"models.sep.training.bogus", "1", "unknown model training option"},
    {"data.source", R"("bogus")", "data source bogus"},
    {"data.source", R"("clusters")", "clusters with a synthetic section",
     "data.synthetic"},
    {"data.position", R"("center")", "position center"},
    {"training.protocol", R"("bogus")", "protocol bogus"},
    {"training.protocol", R"("online")", "online without max_steps",
     "training.max_steps"},
    {"training.expert_update", R"("rmsprop")", "expert_update rmsprop"},
    {"training.router_data", R"("independent")", "independent without N_r",
     "training.router_samples"},
    {"training.weight_decay", "0.1", "weight_decay without adam"},
    {"training.adam", R"({"beta1": 1})", "adam beta1 1"},
    {"training.adam", R"({"bogus": 1})", "adam unknown key"},
    {"training.stop_plateau", "1", "stop_plateau 1"},
    {"training.eval_points_per_decade", "1001", "1001 points per decade"},
    {"training.early_stop_rise", "-1", "early_stop_rise -1"},
    {"training.learning_rate", R"({"select": []})", "select of no rates"},
    {"training.learning_rate", R"({"select": [0]})", "select of rate 0"},
    {"training.learning_rate", R"({"select": [-1]})", "select of rate -1"},
    {"training.learning_rate", R"({"select": ["0.1"]})", "select of a string"},
    {"training.learning_rate", R"({"select": [0.1], "x": 1})",
     "select with an unknown key"},
    {"training.learning_rate", R"({"choose": [0.1]})",
     "learning_rate {choose}"},
    {"training.learning_rate", R"({"select": [0.1]})",
     "select without validation_size", "training.validation_size"},
    {"expect[0].rule", R"("bogus")", "expect rule bogus"},
    {"expect[0].model", R"("nope")", "expect rule of a model not in the grid"},
    {"expect[0].where.N", R"("forty")", "where N a string"},
    {"expect[0].where", R"({"q": 1})", "where on an unknown axis"},
    {"expect[0].at_most", R"("1")", "at_most a string"},
    {"expect[0]",
     R"({"rule": "slope", "model": "cnn", "axis": "q", "at_least": 1})",
     "slope on an axis not in the grid"},
    {"expect[0]", R"({"model": "cnn", "at_most": 1})", "a rule without rule"},
    {"expect[0]", "7", "a rule that is a number"},
    {"expect[0].bogus", "1", "a rule with an unknown key"},
};

const SpecEdit kConfigOptions[] = {
    {"model.type", R"("pmoe")", "model type pmoe"},
    {"model.gate", R"("hard")", "gate hard"},
    {"data.source", R"("mnist")", "source mnist"},
    {"data.spurious", R"({"enabled": true, "probability": 2})",
     "spurious probability 2"},
    {"training.protocol", R"("converged")", "converged without max_steps",
     "training.max_steps"},
    {"precision", R"("float16")", "precision float16"},
};

// Options of the right type with values no choice allows, options that
// conflict, and rules and analysis settings that cannot be evaluated.
void OptionCases(Corpus& corpus) {
  Json spec = BaseSpec();
  for (const SpecEdit& e : kSpecOptions) {
    corpus.Spec("option", e.expect ? e.expect : e.path, e.what,
                WithValue(spec, e.path, e.raw));
  }
  // sensitivity runs the grid four times: it checks the analysis and the
  // rules before its first run, as run does.
  for (const SpecEdit& e : {SpecEdit{"analysis.target", "1.5", "target 1.5"},
                            SpecEdit{"expect[0].model", R"("nope")",
                                     "a rule of a model not in the grid"}}) {
    corpus.Add({"option", "sensitivity", e.path, e.what,
                WithValue(spec, e.path, e.raw)});
  }
  Json config = BaseConfig();
  for (const SpecEdit& e : kConfigOptions) {
    corpus.Config("option", e.expect ? e.expect : e.path, e.what,
                  WithValue(config, e.path, e.raw));
  }
}

// Input rules: one value twice on an axis, a learning-rate axis over a
// selection, options set where they do not apply, a run too large for
// memory.
void InputRuleCases(Corpus& corpus) {
  Json spec = BaseSpec();
  const SpecEdit twice[] = {
      {"grid.axes", R"({"N": [40, 40.0]})", "N [40, 40.0]: one value twice"},
      {"grid.axes", R"({"N": [40, 4e1]})", "N [40, 4e1]: one value twice"},
      {"grid.axes", R"({"n": [8, 8.0]})", "n [8, 8.0]: one value twice"},
      {"grid.axes", R"({"noise": [0, -0.0]})", "noise [0, -0.0]"},
  };
  for (const SpecEdit& e : twice)
    corpus.Add({"axis-twice", "validate", e.path, e.what,
                WithValue(spec, e.path, e.raw)});
  Json select = spec;
  select["training"]["learning_rate"] = {{"select", {0.1, 0.2}}};
  select["training"]["validation_size"] = 50;
  select["grid"]["axes"]["eta"] = {0.1, 0.4};
  corpus.Add({"eta-and-select", "validate", "eta",
              "an eta axis beside learning_rate.select", select.dump(1)});
  Json spurious = spec;
  spurious["data"]["spurious"] = {{"enabled", false}, {"probability", 0.9}};
  corpus.Add({"inapplicable", "validate", "data.spurious.probability",
              "spurious.probability while spurious is off", spurious.dump(1)});
  Json config = BaseConfig();
  config["data"]["spurious"]["probability"] = 0.9;
  corpus.Add({"inapplicable", "train", "data.spurious.probability",
              "a config with spurious.probability while spurious is off",
              config.dump(1)});
  Json big = select;
  big["grid"]["axes"].erase("eta");
  big["data"]["synthetic"]["patch_dim"] = 1000;
  big["training"]["validation_size"] = 100000000;
  corpus.Add({"memory", "validate", "validation_size",
              "validation_size 1e8 at d = 1000 (about 2.4 TB)", big.dump(1)});
}
}  // namespace hostile_corpus
