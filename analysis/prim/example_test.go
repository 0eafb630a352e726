package prim_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/cisim/cisim/analysis/prim"
)

func Example() {
	// A sweep of 1,000 points over two levers; collective impact "wins"
	// when there are at least two backbone staff and complementarity is
	// above 0.4, and 5% of the verdicts are flipped by chance.
	rng := rand.New(rand.NewPCG(1, 0))
	names := []string{"governance.backbone_staff", "problem.complementarity"}
	x := make([][]float64, 1000)
	wins := make([]bool, len(x))
	for i := range x {
		x[i] = []float64{float64(rng.IntN(5)), rng.Float64()}
		wins[i] = (x[i][0] >= 2 && x[i][1] > 0.4) != (rng.Float64() < 0.05)
	}
	d, err := prim.NewData(names, x, wins)
	if err != nil {
		fmt.Println(err)
		return
	}
	traj, err := prim.Peel(d, prim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	k, ok := traj.MinDensity(0.9)
	if !ok {
		fmt.Println("no box is 90% cases")
		return
	}
	// Drop any restriction peeling took on noise.
	fmt.Println("chosen:  ", d.Prune(traj[k].Box, 0.05))
	// The best trade-off, and the densest box, which has peeled into the
	// noise (complementarity ≤ 0.948) for a little more density.
	fmt.Println("balanced:", traj[traj.Balanced()])
	fmt.Println("densest: ", traj[len(traj)-1])
	// Output:
	// chosen:   governance.backbone_staff ≥ 2 and problem.complementarity ≥ 0.377 (coverage 0.91, density 0.90, 376 of 1,000 points)
	// balanced: governance.backbone_staff ≥ 2 and problem.complementarity ≥ 0.405 (coverage 0.91, density 0.94, 357 of 1,000 points)
	// densest:  governance.backbone_staff ≥ 2 and 0.405 ≤ problem.complementarity ≤ 0.948 (coverage 0.78, density 0.94, 305 of 1,000 points)
}
