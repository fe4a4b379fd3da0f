// A run's work for the ETA and `validate`'s seconds: its training cost
// (GridRun::cost, multiply-adds of the forward passes), its evaluations
// (which dominate short fixed-budget runs) and the samples it draws. Drawing a
// synthetic sample's n x d coordinates costs about as much as 60 cost units per
// coordinate (measured on the demo: the online pMoE spends most of its time
// drawing fresh samples, which the training cost leaves out, so an ETA from it
// alone was 25-70% optimistic).
#pragma once

#include "sim/train/run_config.h"

namespace sim {

// Cost units per drawn coordinate: generated (synthetic) or copied (files).
constexpr double kGeneratedCoordinateWork = 60;
constexpr double kCopiedCoordinateWork = 1;

// Samples the run draws: every SGD sample under the online protocol (once
// per learning-rate candidate), else the training set; plus the test and
// validation sets and the routers' own samples.
double DrawnSamples(const RunConfig& config);

// Samples the run's evaluations forward: the test set at every evaluation
// point (with step 0 and the final evaluation), online also the validation
// set, and the final training- and validation-set evaluations; once per
// learning-rate candidate.
double EvaluatedSamples(const RunConfig& config);

// A forward pass costs about half of an SGD sample's forward and backward.
constexpr double kEvaluatedSampleWork = 0.5;

// `training_cost` plus the evaluations (EvaluatedSamples x
// kEvaluatedSampleWork x `sample_cost`, the training cost of one SGD
// sample) plus the drawn samples' coordinates, weighted.
double RunWork(const RunConfig& config,
               double training_cost,
               double sample_cost);

}  // namespace sim
