#include "sim/data/single_index/single_index_config.h"

#include "sim/core/check.h"
#include "sim/data/generator.h"
#include "sim/data/single_index/single_index_data.h"

namespace sim {

const FieldSchema<SingleIndexConfig>& SingleIndexConfig::Schema() {
  using C = SingleIndexConfig;
  static const FieldSchema<C> schema =
      FieldSchema<C>()
          .Int("dim", &C::dim, 1, 1 << 20)
          .Int("num_clusters", &C::num_clusters, 1, 1 << 16)
          .Number("rho", &C::rho)
          .Number("noise", &C::noise)
          .Int("info_exponent", &C::info_exponent, 1, 8);
  return schema;
}

void SingleIndexConfig::Validate(const DataConfig& data) const {
  Require(data.num_patches == 1, "num_patches",
          "must be 1 for single-index data (a sample is one vector)");
  Require(num_clusters >= 2 && num_clusters % 2 == 0,
          "single_index.num_clusters",
          "must be even and >= 2 (the global signs s_c sum to 0)");
  Require(dim >= 2 * num_clusters + 1, "single_index.dim",
          "must be >= 2 * num_clusters + 1 (orthonormal v_c, w*_c, w*_g)");
  Require(rho >= 0, "single_index.rho", "must be >= 0");
  Require(noise >= 0, "single_index.noise", "must be >= 0");
  Require(info_exponent >= 1 && info_exponent <= 8,
          "single_index.info_exponent", "must be in [1, 8]");
  Require(!data.spurious.enabled, "spurious.enabled",
          "is not available for single-index data");
}

template <typename Scalar>
void SingleIndexConfig::Generate(const DataConfig& data,
                                 uint64_t seed,
                                 DataBundle<Scalar>& out) const {
  GenerateSingleIndexData(data, seed, out.train, out.test, out.teacher);
}

template void SingleIndexConfig::Generate<float>(const DataConfig&,
                                                 uint64_t,
                                                 DataBundle<float>&) const;
template void SingleIndexConfig::Generate<double>(const DataConfig&,
                                                  uint64_t,
                                                  DataBundle<double>&) const;

}  // namespace sim
