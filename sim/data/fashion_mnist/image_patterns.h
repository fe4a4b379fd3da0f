// Patterns taken from Fashion-MNIST images, as the paper's §5.1 experiment
// takes them from MNIST digits (pmoe-paper.md §1.2): images of two chosen
// classes are o1 and o2, each of the other eight classes is one irrelevant
// pattern set (p = 8). Train and test data draw from the train and t10k
// image files, so their patterns come from disjoint images.
#pragma once

#include <array>
#include <vector>

#include "sim/data/fashion_mnist/fashion_mnist.h"
#include "sim/data/fashion_mnist/fashion_mnist_config.h"
#include "sim/data/pattern_source.h"

namespace sim {

class ImagePatterns : public PatternSource {
 public:
  // `images` must outlive this object.
  ImagePatterns(const FashionMnistConfig& config, const ImageSet& images);

  int patch_dim() const override { return images_.rows * images_.cols; }
  int num_sets() const override { return static_cast<int>(sets_.size()); }
  void Signal(int y, Rng& rng, Eigen::Ref<Eigen::VectorXd> out) override;
  void Irrelevant(int set, Rng& rng, Eigen::Ref<Eigen::VectorXd> out) override;
  // Image data has no constructed confusers (num_confusers must be 0).
  void Confuser(Rng& rng, Eigen::Ref<Eigen::VectorXd> out) override;
  const Eigen::VectorXd& o1() const override { return o1_; }
  const Eigen::VectorXd& o2() const override { return o2_; }

 private:
  void CopyImage(int index, Eigen::Ref<Eigen::VectorXd> out) const;
  void RandomImageOfClass(int label,
                          Rng& rng,
                          Eigen::Ref<Eigen::VectorXd> out) const;

  FashionMnistConfig config_;
  const ImageSet& images_;
  std::array<std::vector<int>, 10> by_class_;  // image indices per class
  std::vector<int> sets_;                      // class label of S_1..S_p
  Eigen::VectorXd o1_, o2_;                    // unit class-mean prototypes
};

}  // namespace sim
