package abc_test

import (
	"math"
	"strings"
	"testing"

	"github.com/cisim/cisim/analysis/abc"
	"gonum.org/v1/gonum/stat/distuv"
)

// The error bounds of the analytic tests. ABC-SMC's estimate of a
// posterior moment has a Monte Carlo error and, at a final tolerance ε > 0,
// a bias; each check allows 4 of the Monte Carlo error's standard
// deviations plus the bias.
//
// Monte Carlo error: a run's weights never carry fewer than about α·N/2
// effective particles (it resamples when the ESS falls below N/2, and each
// generation keeps a share α of it), and right after a resampling the
// copies carry no more than that, so the tests take ESS = α·N/2 = 900 for
// N = 2000: se(mean) = sd/√ESS, se(sd) = sd/√(2·ESS), se(ρ) = (1 − ρ²)/√ESS.
// One Metropolis–Hastings step per generation leaves particles correlated
// with their ancestors, more so as the acceptance rate falls, which
// inflates the error by a factor κ measured over repeated runs:
//   - 1-D, M = 1, 40 seeds: rms error of the mean 0.0084 against se 0.0073,
//     of the sd 0.0057 against 0.0051; M = 5, 20 seeds: 0.0060 and 0.0048.
//     κ = 1.25.
//   - 2-D (final acceptance about 4%), 30 seeds: rms errors of the means
//     1.26 and 1.42 se, of the sds 1.94 and 2.0 se, of ρ 1.55 se. κ = 2.
//
// Bias: a distance |s_sim − s_obs| < ε accepts s_sim uniformly around
// s_obs, which adds the variance of that uniform to the data's noise:
// ε²/3 on a line (uniform on [−ε, ε]) and ε²/4 per coordinate in a disc
// of radius ε. The posterior with that inflated noise is the ABC
// posterior to first order; its difference from the exact one is the bias.
const (
	errorSEs = 4
	testN    = 2000
	testESS  = abc.DefaultAlpha * testN / 2
	kappa1D  = 1.25
	kappa2D  = 2
)

// TestNormalMean checks the ABC posterior of a normal mean with known
// variance against the exact one: prior μ ~ N(0, 1), n = 20 observations
// of N(μ, 1) with sample mean x̄ = 0.8, posterior N(n·x̄/(n+1), 1/(n+1)) =
// N(0.7619, 0.2182²). Failures that do not depend on μ (a share of the
// pseudo-datasets, at random) leave the posterior as it is.
func TestNormalMean(t *testing.T) {
	const n, xbar, target = 20, 0.8, 0.05
	for _, tc := range []struct {
		name     string
		datasets int
		fail     float64
	}{
		{"M=1", 1, 0},
		{"M=5", 5, 0},
		{"M=5, 20% failed", 5, 0.2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := abc.Config{Seed: 1, Parameters: 1, Particles: testN, Datasets: tc.datasets, Target: target}
			pops := run(t, cfg, normalMean(7, n, xbar, tc.datasets, tc.fail), 2)
			last := pops[len(pops)-1]
			if done, why := abc.Done(cfg, last); !done || !strings.HasPrefix(why, "target") {
				t.Fatalf("stopped at generation %d, ε = %v: %q, want the target reached", last.Generation, last.Tolerance, why)
			}
			eps := last.Tolerance
			exactVar := 1.0 / (n + 1)
			v := 1.0/n + eps*eps/3 // the data's noise, inflated by the uniform within ε
			abcMean, abcVar := xbar/(1+v), v/(1+v)
			exact := distuv.Normal{Mu: n * xbar / (n + 1), Sigma: math.Sqrt(exactVar)}
			ps := []float64{0.05, 0.5, 0.95}
			got := last.Summary(ps)

			seMean := kappa1D * exact.Sigma / math.Sqrt(testESS)
			check(t, "mean", got.Mean[0], exact.Mu, errorSEs*seMean+math.Abs(abcMean-exact.Mu))
			seSD := kappa1D * exact.Sigma / math.Sqrt(2*testESS)
			check(t, "sd", got.SD[0], exact.Sigma, errorSEs*seSD+math.Abs(math.Sqrt(abcVar)-exact.Sigma))
			for j, p := range ps {
				// se of a p-quantile: √(p(1−p)) / (density at it · √ESS).
				q := exact.Quantile(p)
				se := kappa1D * math.Sqrt(p*(1-p)) / (exact.Prob(q) * math.Sqrt(testESS))
				abcQ := distuv.Normal{Mu: abcMean, Sigma: math.Sqrt(abcVar)}.Quantile(p)
				check(t, "quantile", got.Quantiles[0][j], q, errorSEs*se+math.Abs(abcQ-q))
			}
			t.Logf("%d generations, ESS %.0f, acceptance %.3f", len(pops), last.ESS, last.Acceptance)
		})
	}
}

// TestCorrelatedPair checks a 2-D posterior with correlation −0.68, which
// the random walk follows only through the full Cholesky factor: prior
// z ~ N(0, I), statistics s = A z + e with A = [[1, 1], [0, 1]] and
// e ~ N(0, I/n), n = 20, observed s = (1, 0.3). The posterior is normal with
// precision I + n·AᵀA = [[21, 20], [20, 41]] and mean its inverse times
// n·Aᵀs: means (0.6508, 0.3167), sds (0.2982, 0.2134).
func TestCorrelatedPair(t *testing.T) {
	const n, target = 20, 0.15
	sObs := [2]float64{1, 0.3}
	cfg := abc.Config{Seed: 2, Parameters: 2, Particles: testN, Target: target}
	pops := run(t, cfg, linearPair(8, n, sObs), 2)
	last := pops[len(pops)-1]
	if done, why := abc.Done(cfg, last); !done || !strings.HasPrefix(why, "target") {
		t.Fatalf("stopped at generation %d, ε = %v: %q, want the target reached", last.Generation, last.Tolerance, why)
	}
	plan, err := abc.Prepare(cfg, pops[len(pops)-2])
	if err != nil {
		t.Fatal(err)
	}
	if plan.Diagonal || !(plan.Factor[1][0] < 0) {
		t.Errorf("last move's factor %v (diagonal %v), want a full Cholesky factor with L₂₁ < 0", plan.Factor, plan.Diagonal)
	}

	eps := last.Tolerance
	exactMean, exactCov := pairPosterior(n, sObs)
	abcMean, abcCov := pairPosterior(1/(1.0/n+eps*eps/4), sObs) // noise inflated by the disc within ε
	got := last.Summary(nil)
	for k := range 2 {
		sd, abcSD := math.Sqrt(exactCov[k][k]), math.Sqrt(abcCov[k][k])
		check(t, "mean", got.Mean[k], exactMean[k], errorSEs*kappa2D*sd/math.Sqrt(testESS)+math.Abs(abcMean[k]-exactMean[k]))
		check(t, "sd", got.SD[k], sd, errorSEs*kappa2D*sd/math.Sqrt(2*testESS)+math.Abs(abcSD-sd))
	}
	rho := exactCov[0][1] / math.Sqrt(exactCov[0][0]*exactCov[1][1])
	abcRho := abcCov[0][1] / math.Sqrt(abcCov[0][0]*abcCov[1][1])
	gotRho := got.Covariance[0][1] / (got.SD[0] * got.SD[1])
	check(t, "correlation", gotRho, rho, errorSEs*kappa2D*(1-rho*rho)/math.Sqrt(testESS)+math.Abs(abcRho-rho))
	t.Logf("%d generations, ESS %.0f, acceptance %.3f", len(pops), last.ESS, last.Acceptance)
}

// pairPosterior is the exact posterior of linearPair's model when the
// noise has precision n per coordinate: precision P = I + n·AᵀA =
// [[1+n, n], [n, 1+2n]], mean P⁻¹·n·Aᵀs with Aᵀs = (s₁, s₁ + s₂).
func pairPosterior(n float64, s [2]float64) ([2]float64, [2][2]float64) {
	p := [2][2]float64{{1 + n, n}, {n, 1 + 2*n}}
	det := p[0][0]*p[1][1] - p[0][1]*p[1][0]
	c := [2][2]float64{{p[1][1] / det, -p[0][1] / det}, {-p[1][0] / det, p[0][0] / det}}
	b := [2]float64{n * s[0], n * (s[0] + s[1])}
	return [2]float64{c[0][0]*b[0] + c[0][1]*b[1], c[1][0]*b[0] + c[1][1]*b[1]}, c
}

// check fails the test if got is further than tol from want.
func check(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s %.4f, want %.4f ± %.4f", what, got, want, tol)
	} else {
		t.Logf("%s %.4f, want %.4f ± %.4f", what, got, want, tol)
	}
}
