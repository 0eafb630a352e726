// Package sim is the cisim engine: a scenario (the partnership, its
// beneficiaries, its institutions and the mechanism parameters), the weekly
// schedule that applies the rules of package agents in a fixed order, the
// random streams, the observers that record per-tick metrics, and a
// replicate runner.
//
// An Engine is a value: New builds it for a scenario, Reset(seed, replicate)
// draws the initial world, Run steps it to the horizon and returns a
// Summary; Reset and Run again reuse every buffer. There is no global state
// and no global random source: replicate r of a master seed gets its own
// ChaCha8 streams, one per process, so the same replicate draws the same
// initial world (actors' starting state, beneficiaries, needs and their
// drift) under every governance design, and differences between designs
// pair (common random numbers).
//
// The package knows nothing of scenario files, command lines or output
// formats.
package sim
