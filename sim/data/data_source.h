// What every data source provides, and the value that holds one source's
// config (DataConfig::source). A data source is a small config struct T
// in its own folder under sim/data/ with
//   static constexpr const char* kName;         its spec name ("synthetic")
//   static const FieldSchema<T>& Schema();      its options (JSON-free)
//   int PatchDim() const;                       d
//   void Validate(const DataConfig&) const;     throws ConfigError
// and either (samples assembled from patterns, generator.h: the fixed sets,
// held-out splits and the online stream all come for free)
//   std::unique_ptr<PatternSource> Patterns(bool test, uint64_t seed,
//                                           const SourceData*) const;
//   int Confusers() const;                      confusers per sample
// or (a generator of its own: fixed train and test sets only)
//   template <typename Scalar>
//   void Generate(const DataConfig&, uint64_t seed, DataBundle<Scalar>&)
//       const;
// optionally, for a source that reads files (source_data.h),
//   std::string DataLocation() const;           where they are
//   std::shared_ptr<const SourceData> Load() const;  reads them (throws)
// (loaded once per process and location by DataCache, handed to Patterns),
// and one line in the data registry (sim/experiment/spec/data_registry.cc).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "sim/core/poly_value.h"
#include "sim/data/pattern_source.h"
#include "sim/data/source_data.h"

namespace sim {

struct DataConfig;
template <typename Scalar>
struct DataBundle;

class DataSourceInterface {
 public:
  virtual ~DataSourceInterface() = default;
  virtual std::unique_ptr<DataSourceInterface> Clone() const = 0;
  virtual const char* name() const = 0;
  virtual int patch_dim() const = 0;
  virtual void Validate(const DataConfig& data) const = 0;
  // Whether samples are assembled from patterns (Patterns, Confusers).
  virtual bool assembled() const = 0;
  // `loaded` is what Load returned (nullptr for a source that reads none).
  virtual std::unique_ptr<PatternSource> Patterns(
      bool test, uint64_t seed, const SourceData* loaded) const = 0;
  virtual int confusers() const = 0;
  virtual void Generate(const DataConfig& data,
                        uint64_t seed,
                        DataBundle<float>& out) const = 0;
  virtual void Generate(const DataConfig& data,
                        uint64_t seed,
                        DataBundle<double>& out) const = 0;
  // Where the files the samples need are ("" if none): runs whose source
  // and location agree share one Load (DataCache).
  virtual std::string data_location() const = 0;
  // Reads those files (nullptr for a source that reads none). Throws
  // std::runtime_error naming the file and the rule.
  virtual std::shared_ptr<const SourceData> Load() const = 0;
};

template <typename T>
class DataSourceHolder final : public DataSourceInterface {
  static constexpr bool kAssembled = requires(const T& t) {
    t.Patterns(false, uint64_t{0}, nullptr);
  };
  static constexpr bool kReadsFiles = requires(const T& t) {
    t.DataLocation();
    t.Load();
  };

 public:
  explicit DataSourceHolder(T options) : options(std::move(options)) {}
  std::unique_ptr<DataSourceInterface> Clone() const override {
    return std::make_unique<DataSourceHolder>(options);
  }
  const char* name() const override { return T::kName; }
  int patch_dim() const override { return options.PatchDim(); }
  void Validate(const DataConfig& data) const override {
    options.Validate(data);
  }
  bool assembled() const override { return kAssembled; }
  std::unique_ptr<PatternSource> Patterns(
      bool test, uint64_t seed, const SourceData* loaded) const override {
    if constexpr (kAssembled) {
      return options.Patterns(test, seed, loaded);
    } else {
      return nullptr;
    }
  }
  int confusers() const override {
    if constexpr (kAssembled) {
      return options.Confusers();
    } else {
      return 0;
    }
  }
  void Generate(const DataConfig& data,
                uint64_t seed,
                DataBundle<float>& out) const override {
    GenerateAs(data, seed, out);
  }
  void Generate(const DataConfig& data,
                uint64_t seed,
                DataBundle<double>& out) const override {
    GenerateAs(data, seed, out);
  }
  std::string data_location() const override {
    if constexpr (kReadsFiles) {
      return options.DataLocation();
    } else {
      return "";
    }
  }
  std::shared_ptr<const SourceData> Load() const override {
    if constexpr (kReadsFiles) {
      return options.Load();
    } else {
      return nullptr;
    }
  }

  T options;

 private:
  template <typename Scalar>
  void GenerateAs(const DataConfig& data,
                  uint64_t seed,
                  DataBundle<Scalar>& out) const {
    if constexpr (!kAssembled) {
      options.template Generate<Scalar>(data, seed, out);
    } else {
      SIM_CHECK(!"assembled sources are generated by GenerateData");
    }
  }
};

// One data source's options, of any registered source.
using DataSourceConfig = ConfigValue<DataSourceInterface, DataSourceHolder>;

}  // namespace sim
