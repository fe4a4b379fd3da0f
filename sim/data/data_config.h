// Typed options of the data model [pmoe-paper.md §1.1, §1.2;
// data-difficulty.md]. Filled in by the spec parser at the edge; the core
// validates them with ValidateDataConfig and never sees JSON.
#pragma once

#include <string>

namespace sim {

enum class DataSource {
  kSynthetic,     // §1.1: o1, o2, p pattern sets, confusers; exact separations
  kFashionMnist,  // §1.2 / §5.1: 28x28 Fashion-MNIST images as patterns
  kClusters,      // Chen et al. 2022 (other-seeds.md §1.1): K clusters
  kSingleIndex    // Kawata et al. 2025 (§2.1): clustered single-index
                  // regression (a reconstruction, see SingleIndexConfig)
};

enum class PositionLaw {
  kUniform,  // discriminative patch uniform over all n positions (paper)
  kInterior  // uniform over 1..n-2, as in the official code's test data
};

// Class-irrelevant patterns (§1.1): p sets S_1..S_p, each a ball around a
// unit centre with no o1-o2 component, so they are identically distributed
// for both classes. Confusers are irrelevant patterns with a component
// +-alpha along u = (o1-o2)/|o1-o2| (random sign independent of y); they are
// exactly the delta'-closer patterns of Def. D.3, so l* = num_confusers + 1.
struct SyntheticConfig {
  int patch_dim = 64;              // d
  int num_sets = 8;                // p
  double delta_d = 0.5;            // <o1, o2>, in (-1, 1)
  double delta_r = 0.4;            // max |<o_i, q>| over irrelevant q
  double set_radius = 0.3;         // radius of each S_j around its centre
  int num_confusers = 3;           // l* - 1 confusers per sample
  double confuser_strength = 0.8;  // alpha, see ValidateDataConfig
};

struct FashionMnistConfig {
  std::string directory = "/usr/share/datasets/fashion-mnist";
  int positive_class = 1;  // images of this class are o1 (y = +1): Trouser
  int negative_class = 7;  // images of this class are o2 (y = -1): Sneaker
  bool unit_norm = true;   // paper: unit patches; code: raw pixels / 255
};

// Spurious correlation (off by default; the theory has none): in training
// data, one irrelevant patch per sample comes from set 0 when y = +1 and
// from set 1 when y = -1, with probability `probability` (else swapped). In
// test data the choice is a fair coin. Other irrelevant patches avoid sets 0
// and 1.
struct SpuriousConfig {
  bool enabled = false;
  double probability = 0.95;
};

// The K-cluster patch data of Chen et al. 2022, Definition 3.1
// (other-seeds.md §1.1): per sample a cluster k, another cluster k' != k,
// y and a Rademacher eps; patches y alpha v_k (feature signal), beta c_k
// (cluster centre), eps gamma v_k' (feature noise) and num_patches - 3
// Gaussian noise patches N(0, noise^2 / d I), in random order, all times
// `scale`. v_1..v_K, c_1..c_K are orthonormal. Defaults: the code's s1.
struct ClusterConfig {
  int patch_dim = 50;                       // d
  int num_clusters = 4;                     // K
  double alpha_min = 0.5, alpha_max = 2.0;  // alpha ~ U(min, max)
  double beta_min = 1.0, beta_max = 2.0;
  double gamma_min = 0.5, gamma_max = 3.0;
  double noise = 1.0;   // sigma_p
  double scale = 10.0;  // the code multiplies inputs by 10
};

// Clustered single-index regression of Kawata et al. 2025 (other-seeds.md
// §2.1, §2.6; the paper's exact constants were not retrieved, so this
// follows the notes' inferred recipe): cluster c ~ U[C], x ~ N(rho v_c,
// I_d), y = He_k(<w*_c, x>)/sqrt(k!) + s_c He_k(<w*_g, x>)/sqrt(k!) + noise
// with s_c = +1, -1, +1, ... (sum 0 for even C); v_c, w*_c, w*_g orthonormal.
// One sample is one "patch" of dimension d (num_patches must be 1).
struct SingleIndexConfig {
  int dim = 32;           // d
  int num_clusters = 2;   // C (even)
  double rho = 4.0;       // cluster-mean scale
  double noise = 0.1;     // zeta
  int info_exponent = 3;  // k*: the links are He_{k*} / sqrt(k*!)
};

struct DataConfig {
  DataSource source = DataSource::kSynthetic;
  int num_patches = 16;  // n
  int train_size = 200;  // N
  int test_size = 1000;
  PositionLaw position = PositionLaw::kUniform;
  double noise_std = 0.0;  // additive N(0, noise_std^2 / d) per coordinate
  SpuriousConfig spurious;
  SyntheticConfig synthetic;
  FashionMnistConfig fashion_mnist;
  ClusterConfig clusters;
  SingleIndexConfig single_index;
};

// Throws ConfigError naming the field and the rule if the combination of
// options cannot be generated (e.g. confusers that would break delta_r).
void ValidateDataConfig(const DataConfig& config);

// The patch dimension d the data will have (784 for Fashion-MNIST).
int PatchDim(const DataConfig& config);

}  // namespace sim
