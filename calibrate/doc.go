// Package calibrate fits the model's uncertain parameters to a targets
// file by approximate Bayesian computation: the adaptive sequential Monte
// Carlo of package abc, each particle a vector of parameter values run on
// every design the targets name for several replicates, its statistics
// compared with the targets by targets.Distance.
//
// A particle lives in the latent space abc works in, z ~ N(0, I); its
// parameters are x_k = F_k⁻¹(Φ(z_k)) through each parameter's prior (the
// scenario's own distribution), so the prior is exactly the scenario's
// uncertainty and no move leaves its support.
//
// A calibration is resumable and shardable generation by generation: each
// particle's simulations are appended to the generation's log as they
// finish, a finished generation is saved in calibration.json, and a
// shard simulates its slice of the current generation's particles into
// a log of its own, which the next run without --shard merges. Every
// particle's simulations depend only on the seed, the generation and the
// particle, so the files are the same bytes whatever the workers, shards
// or interruptions.
package calibrate
