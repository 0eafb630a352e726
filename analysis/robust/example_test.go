package robust_test

import (
	"fmt"

	"github.com/cisim/cisim/analysis/robust"
)

func Example() {
	// Three designs, each run in the same six futures (a funding cut or
	// not, partners leaving faster or slower …): the share of young
	// people in a job or studies (higher is better) and the cost per
	// outcome in kSEK (lower is better).
	designs := []string{"separate grants", "pooled fund", "backbone"}
	share := [][]float64{
		{0.42, 0.40, 0.41, 0.38, 0.40, 0.39},
		{0.60, 0.58, 0.30, 0.25, 0.55, 0.62},
		{0.52, 0.50, 0.45, 0.36, 0.50, 0.52},
	}
	cost := [][]float64{
		{95, 100, 98, 105, 99, 102},
		{80, 82, 150, 170, 85, 78},
		{90, 92, 100, 120, 93, 90},
	}
	r, err := robust.Evaluate(share, robust.HigherIsBetter, robust.DefaultAlpha)
	if err != nil {
		fmt.Println(err)
		return
	}
	// --satisfice share>=0.40 --satisfice cost<=100
	d, err := robust.Domain([][][]float64{share, cost},
		[]robust.Threshold{{Value: 0.40, Direction: robust.HigherIsBetter}, {Value: 100, Direction: robust.LowerIsBetter}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%-16s %5s %6s %7s %6s %6s %7s %6s\n", "", "mean", "decile", "maximin", "regret", "p90", "Hurwicz", "domain")
	for i, name := range designs {
		fmt.Printf("%-16s %5.3f %6.3f %7.2f %6.2f %6.3f %7.3f %6.2f\n", name, r.Mean[i], r.WorstDecile[i],
			r.Worst[i], r.MaxRegret[i], r.Regret90[i], r.Hurwicz[i], d.Share[i])
	}
	fmt.Printf("(%d futures; Hurwicz with α = %v, an assumption)\n", len(r.Used), r.Alpha)

	rankings := append(r.Rankings(), d.Ranking())
	c, err := robust.Compare(rankings)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println()
	for _, rk := range rankings {
		fmt.Printf("%s prefers %s\n", rk.Metric, designs[rk.First()[0]]) // (here no metric ties first)
	}
	fmt.Println()
	for _, p := range c.Pairs {
		if p.I != 0 || p.SameFirst {
			continue // only where the mean's choice is disputed
		}
		fmt.Printf("%s against %s: τ = %.2f, reversing", rankings[p.I].Metric, rankings[p.J].Metric, p.Tau)
		for _, de := range p.Reversed {
			fmt.Printf(" %s/%s", designs[de[0]], designs[de[1]])
		}
		fmt.Println()
	}
	// Output:
	//                   mean decile maximin regret    p90 Hurwicz domain
	// separate grants  0.400  0.385    0.38   0.23  0.205   0.400   0.67
	// pooled fund      0.483  0.275    0.25   0.15  0.140   0.435   0.67
	// backbone         0.475  0.405    0.36   0.10  0.090   0.440   0.83
	// (6 futures; Hurwicz with α = 0.5, an assumption)
	//
	// mean (Laplace) prefers pooled fund
	// worst decile prefers backbone
	// maximin prefers separate grants
	// minimax regret prefers backbone
	// 90th-percentile regret prefers backbone
	// Hurwicz prefers backbone
	// domain criterion prefers backbone
	//
	// mean (Laplace) against worst decile: τ = -0.33, reversing separate grants/pooled fund pooled fund/backbone
	// mean (Laplace) against maximin: τ = -1.00, reversing separate grants/pooled fund separate grants/backbone pooled fund/backbone
	// mean (Laplace) against minimax regret: τ = 0.33, reversing pooled fund/backbone
	// mean (Laplace) against 90th-percentile regret: τ = 0.33, reversing pooled fund/backbone
	// mean (Laplace) against Hurwicz: τ = 0.33, reversing pooled fund/backbone
	// mean (Laplace) against domain criterion: τ = 0.00, reversing pooled fund/backbone
}
