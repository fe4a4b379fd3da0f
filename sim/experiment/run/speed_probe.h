// How fast this machine trains, measured in well under a second for
// `validate`'s estimate in seconds: one thread's rate on a float GEMM of
// the shape of a run's forward pass ((B x l) x d times d x m, Eigen, as
// the models compute it). The estimate spreads the runs' work (run_work.h)
// over the threads as the runner does (largest first, one run a thread).
#pragma once

#include <vector>

namespace sim {

// Multiply-adds per second of one thread on a rows x depth times depth x
// cols float product, timed for about `seconds`.
double MeasureMultiplyAddsPerSecond(int rows,
                                    int depth,
                                    int cols,
                                    double seconds);

// Multiply-adds of training per unit of run work: forward and backward.
constexpr double kMultiplyAddsPerWork = 2;
// The share of the GEMM's speed whole runs reach (small batches, gathers,
// evaluations, routers): measured 1/3 on an idle machine to 1/14 on a
// loaded one (the demo and two quick specs on 2 cores), so the estimate
// is within about a factor of 2 either way of an idle machine's time.
constexpr double kRunEfficiency = 0.2;

// Wall seconds of runs of `work` on `threads` threads at
// `multiply_adds_per_second` per thread: the work spread over the threads,
// but never less than the largest run.
double EstimateGridSeconds(const std::vector<double>& work,
                           int threads,
                           double multiply_adds_per_second);

}  // namespace sim
