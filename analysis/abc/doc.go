// Package abc fits a simulator's parameters to observations by approximate
// Bayesian computation with sequential Monte Carlo (ABC-SMC): the adaptive
// algorithm of Del Moral, Doucet & Jasra (2012) with M pseudo-datasets per
// particle. It is the engine of cisim calibrate and knows nothing of the
// model, its targets or its files: the caller supplies distances, the
// package supplies parameter vectors, weights and tolerances.
//
// # Latent space
//
// Every parameter lives in a latent standard-normal coordinate z with prior
// N(0, 1), independent across parameters. The caller maps z to a parameter
// by x = F⁻¹(Φ(z)) through that parameter's own prior F, so a bounded prior
// becomes unbounded here and no proposal ever leaves its support. The prior
// density is therefore φ(z) = Π_k φ(z_k), with no truncation.
//
// # The algorithm
//
// N particles each carry z and M distances d_1…d_M ≥ 0 between the
// observations and M pseudo-datasets simulated at z (+Inf for a failed
// simulation). Write A(z, ε) = #{m : d_m < ε}. Generation 0 draws z from
// the prior (Prior) with equal weights and ε_0 = +Inf, where A = M by
// convention, failed simulations included (Initial). Generation n ≥ 1
// (Prepare, Propose, Move, Finish):
//
//  1. chooses ε_n < ε_{n−1} so that the effective sample size of the new
//     weights w_n ∝ w_{n−1}·A(ε_n)/A(ε_{n−1}) is α times that of the old,
//     and never below the target tolerance;
//  2. if ESS < N/2, resamples systematically and sets equal weights;
//  3. moves every particle of positive weight by one Metropolis–Hastings
//     step of a Gaussian random walk z' = z + Lξ, L Lᵀ = 2Σ, Σ the weighted
//     covariance of the particles (Beaumont et al. 2009; Filippi et al.
//     2013), accepted with probability
//     min(1, A(z', ε_n)·φ(z') / (A(z, ε_n)·φ(z))).
//
// ESS = 1/Σ w_i² for normalised weights (Kish 1965). It stops when ε
// reaches the target, when the acceptance rate of a move falls below a
// threshold (0.015, as Del Moral et al. suggest) or after a number of
// generations (Done).
//
// # Determinism, shards and resumption
//
// Every random number comes from its own ChaCha8 stream keyed by SHA-256 of
// (seed, generation, particle, purpose), so a generation's result does not
// depend on how many workers ran it or which process moved which particle.
// The steps are functions of plain data: a Population serialises to JSON
// and back bit for bit, Prepare is cheap and every shard computes the same
// Plan, and Finish merges the moved particles of all shards, checking that
// each is its plan's particle or that particle's proposal. Run and Resume
// drive the steps in one process with a worker pool.
//
// References:
//   - P. Del Moral, A. Doucet and A. Jasra (2012), An adaptive sequential
//     Monte Carlo method for approximate Bayesian computation, Statistics
//     and Computing 22:1009–1020.
//   - M. A. Beaumont, J.-M. Cornuet, J.-M. Marin and C. P. Robert (2009),
//     Adaptive approximate Bayesian computation, Biometrika 96:983–990.
//   - S. Filippi, C. P. Barnes, J. Cornebise and M. P. H. Stumpf (2013), On
//     optimality of kernels for approximate Bayesian computation using
//     sequential Monte Carlo, Statistical Applications in Genetics and
//     Molecular Biology 12:87–107.
//   - T. Toni, D. Welch, N. Strelkowa, A. Ipsen and M. P. H. Stumpf (2009),
//     Approximate Bayesian computation scheme for parameter inference and
//     model selection in dynamical systems, J. R. Soc. Interface 6:187–202.
//   - G. Kitagawa (1996), Monte Carlo filter and smoother for non-Gaussian
//     nonlinear state space models, J. Comput. Graph. Stat. 5:1–25
//     (systematic resampling).
//   - L. Kish (1965), Survey Sampling, Wiley (effective sample size).
package abc
