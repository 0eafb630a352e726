package results

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// RoundTicks marks an axis at a round step, 1, 2, 2.5 or 5 × 10^k: the
// smallest that needs at most MaxMarks marks to span the range, so that a
// reader can interpolate between labels (gonum's default picked 0.05,
// 0.25, 0.45). Marks are whole multiples of the step, so 0 is marked
// whenever the range holds it; the plot's AutoRescale then ends the axis
// on the outermost marks. Whole keeps steps whole, for counts. Minor
// marks fall halfway, except between whole numbers one apart.
type RoundTicks struct {
	Whole    bool
	MaxMarks int // 0: 7
}

// Ticks returns the marks of [min, max].
func (t RoundTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return nil
	}
	step, decimals := t.step(min, max)
	lo, hi := math.Floor(min/step+1e-9), math.Ceil(max/step-1e-9)
	var ticks []plot.Tick
	for i := lo; i <= hi; i++ {
		ticks = append(ticks, plot.Tick{Value: i * step, Label: TickLabel(i*step, decimals)})
		if i < hi && !(t.Whole && step == 1) {
			ticks = append(ticks, plot.Tick{Value: (i + 0.5) * step})
		}
	}
	return ticks
}

// step is the smallest round step that marks [min, max] within MaxMarks,
// and the decimals its labels need.
func (t RoundTicks) step(min, max float64) (step float64, decimals int) {
	most := t.MaxMarks
	if most == 0 {
		most = 7
	}
	k := math.Floor(math.Log10((max - min) / float64(most)))
	for ; ; k++ {
		for _, m := range []float64{1, 2, 2.5, 5} {
			step = m * math.Pow(10, k)
			if t.Whole && step != math.Round(step) {
				continue
			}
			if math.Ceil(max/step-1e-9)-math.Floor(min/step+1e-9)+1 <= float64(most) {
				decimals = max0(-int(k))
				if m == 2.5 {
					decimals = max0(1 - int(k))
				}
				return step, decimals
			}
		}
	}
}

func max0(n int) int { return max(n, 0) }

// TickLabel prints a mark's value with the given decimals and a true
// minus sign, and 0 as "0" however it was reached.
func TickLabel(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		return "0"
	}
	return strings.Replace(s, "-", "−", 1)
}

// YearTicks marks a time axis in years from 0 at every whole year up to
// 12 years, every second year up to 24 and every fifth beyond: time since
// the start reads in whole years, not at 2, 6 and 10.
type YearTicks struct{}

// Ticks returns the marks of [min, max] years.
func (YearTicks) Ticks(min, max float64) []plot.Tick {
	return RoundTicks{Whole: true, MaxMarks: 13}.Ticks(min, max)
}

// LevelTicks marks the values 0, 1, … of a category axis with the names
// of the categories (a phase axis reads initiation, run, …).
func LevelTicks(names []string) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		ticks[i] = plot.Tick{Value: float64(i), Label: n}
	}
	return ticks
}

// ValueTicks marks exactly the given values (a heat map's grid, whose
// cells are centred on the levers' values), labelled to the decimals the
// values need.
func ValueTicks(values []float64) plot.ConstantTicks {
	decimals := 0
	for _, v := range values {
		for decimals < 6 && math.Abs(v*math.Pow(10, float64(decimals))-math.Round(v*math.Pow(10, float64(decimals)))) > 1e-9 {
			decimals++
		}
	}
	ticks := make(plot.ConstantTicks, len(values))
	for i, v := range values {
		ticks[i] = plot.Tick{Value: v, Label: TickLabel(v, decimals)}
	}
	return ticks
}
