// Random orthonormal vectors, shared by the data generators.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "sim/core/rng.h"

namespace sim {

// `count` orthonormal vectors in R^dim: Gaussian draws (dim normals each, in
// order) orthogonalised by Gram-Schmidt, applied twice for numerical
// orthogonality. Requires count <= dim.
inline std::vector<Eigen::VectorXd> RandomOrthonormal(int count,
                                                      int dim,
                                                      Rng& rng) {
  std::vector<Eigen::VectorXd> basis;
  for (int i = 0; i < count; ++i) {
    Eigen::VectorXd x(dim);
    for (int j = 0; j < dim; ++j) x[j] = rng.Normal();
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& b : basis) x -= b.dot(x) * b;
    }
    basis.push_back(x.normalized());
  }
  return basis;
}

}  // namespace sim
