// Where the SGD loop's minibatches come from: epochs over a fixed training
// set (reshuffled at the start of each epoch), or fresh samples at every
// step (the online protocol: nothing is ever reused).
#pragma once

#include <algorithm>
#include <numeric>
#include <vector>

#include "sim/core/rng.h"
#include "sim/data/generator.h"

namespace sim {

template <typename Scalar>
class BatchFeed {
 public:
  // Epochs over `set`, shuffled by `rng` when `shuffle`.
  BatchFeed(const Dataset<Scalar>& set, bool shuffle, Rng& rng)
      : set_(&set), shuffle_(shuffle), rng_(&rng), order_(set.num_samples) {
    std::iota(order_.begin(), order_.end(), 0);
  }
  // Fresh samples from `stream`, `batch` at a time.
  BatchFeed(SampleStream<Scalar>& stream, int batch)
      : stream_(&stream), order_(batch) {
    std::iota(order_.begin(), order_.end(), 0);
  }

  // Loads the next minibatch of at most `batch` samples into x and y
  // (rows batch * n); returns its size. A fixed set's samples go through
  // the learner's LoadBatch; fresh samples are drawn into x directly (for
  // every learner that trains online, LoadBatch of a fresh draw is a plain
  // copy). batch_epoch() is the epoch it belongs to.
  template <typename Learner>
  int Next(Learner& learner,
           int batch,
           RowMatrix<Scalar>& x,
           std::vector<int>& y) {
    if (stream_ != nullptr) {
      // Drawn straight into x: the draw assembles into fresh_'s storage,
      // which is x's for the while (same size, so nothing is allocated).
      fresh_.patches.swap(x);
      stream_->Draw(batch, fresh_);
      fresh_.patches.swap(x);
      std::copy_n(fresh_.labels.begin(), batch, y.begin());
      return batch;
    }
    const int N = set_->num_samples;
    batch_epoch_ = epoch_;
    if (first_ == 0 && shuffle_) rng_->Shuffle(order_);
    const int size = std::min(batch, N - first_);
    learner.LoadBatch(*set_, order_, first_, size, x, y);
    first_ += size;
    if (first_ >= N) {
      first_ = 0;
      ++epoch_;
    }
    return size;
  }
  // Completed passes over the fixed set (0 for fresh samples).
  int epochs_done() const { return epoch_; }
  // The epoch of the last minibatch.
  int batch_epoch() const { return batch_epoch_; }

 private:
  const Dataset<Scalar>* set_ = nullptr;
  bool shuffle_ = false;
  Rng* rng_ = nullptr;
  SampleStream<Scalar>* stream_ = nullptr;
  Dataset<Scalar> fresh_;
  std::vector<int> order_;
  int first_ = 0, epoch_ = 0, batch_epoch_ = 0;
};

}  // namespace sim
