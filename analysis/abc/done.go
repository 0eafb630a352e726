package abc

import (
	"errors"
	"fmt"
)

// Done reports whether the run stops after pop, and why:
//   - "target tolerance T reached": ε_n ≤ the target;
//   - "acceptance rate A below M": the last move accepted too few proposals
//     to mix the particles (Del Moral et al. 2012);
//   - "the tolerance cannot fall further: every distance below ε is D":
//     every distance of weight below ε_n is one value, so any smaller
//     tolerance leaves every particle out (a discrete distance, or a
//     single particle);
//   - "maximum of G generations reached".
//
// A population whose simulations all failed is not done: Prepare then
// returns the error that says so.
func Done(cfg Config, pop Population) (bool, string) {
	cfg = cfg.WithDefaults()
	switch {
	case pop.Tolerance <= cfg.Target:
		return true, fmt.Sprintf("target tolerance %v reached", cfg.Target)
	case pop.Proposals > 0 && pop.Acceptance < cfg.MinAcceptance:
		return true, fmt.Sprintf("acceptance rate %.4g below %v", pop.Acceptance, cfg.MinAcceptance)
	}
	if _, err := nextTolerance(cfg, pop); errors.Is(err, errStuck) {
		return true, err.Error()
	}
	if pop.Generation >= cfg.MaxGenerations {
		return true, fmt.Sprintf("maximum of %d generations reached", cfg.MaxGenerations)
	}
	return false, ""
}
