// Package robust measures how well each design of a partnership holds up
// across futures it cannot rule out — robust decision making (Lempert et
// al. 2006) — and says where the measures disagree, since that
// disagreement is what a strategy team must discuss.
//
// Its input is a table outcomes[design][future] of one outcome, every
// design run in the same futures in the same order (common random
// numbers), and whether higher or lower is better (jobs or studies found:
// higher; cost per outcome: lower). Evaluate returns, per design, the
// robustness metrics below, Rank orders the designs under each, Compare
// says which metrics order them differently, and Domain gives Starr's
// domain criterion over several outcomes and their satisficing thresholds.
//
// # The metrics
//
// McPhail et al. (2018) show that every common robustness metric is three
// choices: a transformation of each outcome (T1: the outcome itself, its
// regret against the best design in that future, or whether it meets a
// threshold), a subset of the futures (T2: all, the worst, the best and the
// worst, a percentile) and an aggregation of that subset (T3: the value
// itself, a mean, a weighted sum, a share). With x_d,f the outcome of design
// d in future f, oriented so that higher is better (a cost is negated, then
// negated back, so every value below is in the outcome's own units):
//
//	metric                 T1           T2                   T3
//	mean (Laplace)         x            all futures          mean
//	worst decile           x            10th percentile      –
//	maximin (Wald)         x            worst future         –
//	Hurwicz                x            best and worst       α·best + (1 − α)·worst
//	minimax regret         regret       largest regret       –
//	90th-pct. regret       regret       90th percentile      –
//	domain (Starr)         meets all    all futures          share of futures
//
// where regret_d,f = max_e x_e,f − x_d,f: how much better the best design
// in future f did (Savage 1951). For a higher-is-better outcome that is
// best_f − x_d,f, for a lower-is-better one x_d,f − best_f; it is never
// negative and is 0 for the best design, and for every design tied with it.
// Regret is relative: adding or dropping a design can change every
// design's regret, so it needs at least two designs and is only comparable
// between tables of the same designs.
//
// Laplace's mean treats every future as equally likely (Laplace's
// principle of insufficient reason); maximin looks only at the worst
// (Wald 1950); Hurwicz (1951) weighs the best against the worst with a
// coefficient of optimism α, here the weight on the best case. The
// default α = 0.5 (DefaultAlpha) is an assumption, not a finding, and a
// report should state it; α = 0 is maximin and α = 1 maximax. (McPhail et
// al.'s RAPID software takes its α as the weight on the worst case: its α
// is 1 − ours; the two agree at 0.5.)
//
// # Percentiles
//
// The worst decile and the 90th-percentile regret (Herman et al. 2015, as
// McPhail et al. list it) are both percentiles of the tail that hurts:
// the 10th percentile of the oriented outcome (the 90th of a cost) and the
// 90th percentile of regret. Both are the Hyndman & Fan (1996) type 7
// quantile — R's and numpy's default, and a spreadsheet's PERCENTILE.INC —
// of the futures used, via analysis.QuantilesType7: with the n values
// sorted, h = 1 + (n − 1)·p and the value at h interpolated linearly
// between its neighbours. Type 7 was chosen because a team can check it in
// the tools it has, because it moves smoothly from the worst future (p = 0)
// to the median, and because it is symmetric: the 90th percentile of a
// cost is minus the 10th percentile of the negated cost, so the worst
// decile does not depend on which way a metric is written. With ten
// futures the worst decile is x_(1) + 0.9·(x_(2) − x_(1)), nine tenths of
// the way from the worst to the second worst, and with one future it is
// that future's value. McPhail et al.'s RAPID takes the nearest order
// statistic instead (numpy's "nearest"); the two agree whenever
// 0.9·(n − 1) is whole (n = 11, 21, 101, …). Neither is the mean of the
// worst 10% (a conditional value at risk), which this package does not
// compute.
//
// # Undefined values
//
// An outcome may be undefined (NaN), as the cost per outcome of a run with
// no outcome is. Evaluate and Regret leave out every future in which any
// design's outcome is NaN, for every design and every metric: regret needs
// the best design of the future, which is unknown when one of them is
// missing, and comparing designs on different futures would undo the
// common random numbers. The futures used and left out are reported
// (Robustness.Used, Robustness.Left); when every future is left out the
// error is ErrNoFuture. Leaving a future out can flatter the design whose
// failure made the NaN; Domain does not leave futures out but counts an
// undefined outcome as failing its threshold (no cost per outcome meets
// "cost per outcome ≤ X"), and reports how many there were. Infinite
// outcomes are refused as errors.
//
// # Rankings and ties
//
// Rank orders designs best first. Two values tie when they differ by no
// more than TieTolerance (10⁻⁹) times the largest magnitude among the
// designs' values, compared with the first (best) value of the group being
// formed: that keeps a mean of the same outcomes summed in another order
// (0.6000000000000001 against 0.6) from reading as a difference. Tied
// designs share a place, the best of their group (competition ranking:
// 1, 1, 3), and within a tie Order lists them by index, the order in which
// the caller gave the designs: the one documented, deterministic
// tie-break. Compare reports, for every pair of rankings, Kendall's τ_b
// (Kendall 1945, which allows for ties), the pairs of designs they order
// oppositely and whether they put the same designs first; and for every
// design the rankings that put it first, so a report can say "Laplace
// prefers B, minimax regret prefers C".
//
// It knows nothing of the model, its runs, its files or the names of the
// designs and outcomes: it takes numbers, and designs and futures are
// indices into the table it was given.
//
// References:
//   - C. McPhail, H. R. Maier, J. H. Kwakkel, M. Giuliani, A. Castelletti
//     and S. Westra (2018), Robustness metrics: how are they calculated,
//     when should they be used and why do they give different results?,
//     Earth's Future 6:169–191, doi:10.1002/2017EF000649.
//   - R. J. Lempert, D. G. Groves, S. W. Popper and S. C. Bankes (2006), A
//     general, analytic method for generating robust strategies and
//     narrative scenarios, Management Science 52(4):514–528.
//   - P.-S. Laplace (1814), Essai philosophique sur les probabilités;
//     A Philosophical Essay on Probabilities, Dover 1951 (the principle of
//     insufficient reason).
//   - A. Wald (1950), Statistical Decision Functions, Wiley (maximin).
//   - L. J. Savage (1951), The theory of statistical decision, Journal of
//     the American Statistical Association 46:55–67 (minimax regret).
//   - L. Hurwicz (1951), Optimality criteria for decision making under
//     ignorance, Cowles Commission Discussion Paper, Statistics 370.
//   - M. K. Starr (1963), Product Design and Decision Theory,
//     Prentice-Hall (the domain criterion).
//   - J. D. Herman, P. M. Reed, H. B. Zeff and G. W. Characklis (2015), How
//     should robustness be defined for water systems planning under
//     change?, Journal of Water Resources Planning and Management
//     141(10):04015012 (90th-percentile regret).
//   - R. J. Hyndman and Y. Fan (1996), Sample quantiles in statistical
//     packages, The American Statistician 50(4):361–365.
//   - M. G. Kendall (1945), The treatment of ties in ranking problems,
//     Biometrika 33(3):239–251 (τ_b).
package robust
