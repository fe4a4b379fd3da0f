#include "sim/experiment/run/speed_probe.h"

#include <Eigen/Dense>
#include <algorithm>
#include <chrono>

namespace sim {

double MeasureMultiplyAddsPerSecond(int rows,
                                    int depth,
                                    int cols,
                                    double seconds) {
  rows = std::clamp(rows, 1, 4096);
  depth = std::clamp(depth, 1, 4096);
  cols = std::clamp(cols, 1, 4096);
  const Eigen::MatrixXf a = Eigen::MatrixXf::Constant(rows, depth, 0.5f);
  const Eigen::MatrixXf b = Eigen::MatrixXf::Constant(depth, cols, 0.25f);
  Eigen::MatrixXf c(rows, cols);
  // One thread, as a run trains (the runner parallelises over runs).
  const int eigen_threads = Eigen::nbThreads();
  Eigen::setNbThreads(1);
  using Clock = std::chrono::steady_clock;
  const Clock::time_point start = Clock::now();
  double elapsed = 0;
  long products = 0;
  while (products < 3 || elapsed < seconds) {
    c.noalias() = a * b;
    ++products;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  Eigen::setNbThreads(eigen_threads);
  volatile float sink = c(0, 0);  // keeps the products
  (void)sink;
  return double(products) * rows * depth * cols / elapsed;
}

double EstimateGridSeconds(const std::vector<double>& work,
                           int threads,
                           double multiply_adds_per_second) {
  double total = 0, largest = 0;
  for (double w : work) {
    total += w;
    largest = std::max(largest, w);
  }
  const double per_thread =
      multiply_adds_per_second * kRunEfficiency / kMultiplyAddsPerWork;
  return std::max(total / std::max(1, threads), largest) / per_thread;
}

}  // namespace sim
