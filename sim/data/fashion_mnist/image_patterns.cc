#include "sim/data/fashion_mnist/image_patterns.h"

#include <stdexcept>

namespace sim {

ImagePatterns::ImagePatterns(const FashionMnistConfig& config,
                             const ImageSet& images)
    : config_(config), images_(images) {
  for (int i = 0; i < images.count(); ++i) {
    by_class_[images.labels[i]].push_back(i);
  }
  for (int c = 0; c < 10; ++c) {
    if (by_class_[c].empty()) {
      throw std::runtime_error("Fashion-MNIST file has no image of class " +
                               std::to_string(c));
    }
    if (c != config.positive_class && c != config.negative_class) {
      sets_.push_back(c);
    }
  }
  // Unit prototypes: mean of the (normalised, if unit_norm) class images.
  auto prototype = [&](int label) {
    Eigen::VectorXd sum = Eigen::VectorXd::Zero(patch_dim());
    Eigen::VectorXd x(patch_dim());
    for (int index : by_class_[label]) {
      CopyImage(index, x);
      sum += x;
    }
    return Eigen::VectorXd(sum.normalized());
  };
  o1_ = prototype(config.positive_class);
  o2_ = prototype(config.negative_class);
}

void ImagePatterns::CopyImage(int index,
                              Eigen::Ref<Eigen::VectorXd> out) const {
  const int d = patch_dim();
  const uint8_t* pixels =
      images_.pixels.data() + static_cast<size_t>(index) * d;
  for (int i = 0; i < d; ++i) out[i] = pixels[i] / 255.0;
  if (config_.unit_norm) {
    const double norm = out.norm();
    if (norm > 0) out /= norm;
  }
}

void ImagePatterns::RandomImageOfClass(int label,
                                       Rng& rng,
                                       Eigen::Ref<Eigen::VectorXd> out) const {
  const auto& indices = by_class_[label];
  CopyImage(indices[rng.UniformInt(indices.size())], out);
}

void ImagePatterns::Signal(int y, Rng& rng, Eigen::Ref<Eigen::VectorXd> out) {
  RandomImageOfClass(y > 0 ? config_.positive_class : config_.negative_class,
                     rng, out);
}

void ImagePatterns::Irrelevant(int set,
                               Rng& rng,
                               Eigen::Ref<Eigen::VectorXd> out) {
  RandomImageOfClass(sets_[set], rng, out);
}

void ImagePatterns::Confuser(Rng& /*rng*/,
                             Eigen::Ref<Eigen::VectorXd> /*out*/) {
  throw std::logic_error("image patterns have no constructed confusers");
}

}  // namespace sim
