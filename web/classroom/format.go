package classroom

import (
	"fmt"
	"math"
	"strconv"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// How a metric is written: a share as a percentage with one decimal
// (people) or none (trust and the like), a count, a sum of money, a phase.
type style int

const (
	shareTenths style = iota // 30.2%
	shareWhole               // 70%
	count                    // 7
	money                    // SEK 12.3 million
	phaseName                // run
)

func styleOf(m sim.Metric) style {
	switch m {
	case sim.OutcomeRate, sim.ParticipantOutcomeRate, sim.EnrolledShare, sim.ReachedShare, sim.DropoutShare:
		return shareTenths
	case sim.PartnersRemaining, sim.OpenConflicts:
		return count
	case sim.TotalCost:
		return money
	case sim.PhaseReached:
		return phaseName
	}
	return shareWhole
}

// fact is a number as printed, and the number the text shows.
type fact struct {
	text string
	num  float64
}

// Printed writes a metric's value as the page does, and returns the number
// the text shows, so that comparisons of printed numbers agree with what a
// class reads: a share as a percentage with one decimal (people: 30.2%) or
// none (trust and the like: 70%), a count, a sum of money (SEK 12.3
// million), a phase by name.
func Printed(m sim.Metric, v float64) (string, float64) {
	f := formatMetric(m, v)
	return f.text, f.num
}

// Format prints a metric as the page shows it (Printed's text).
func Format(m sim.Metric, v float64) string { return formatMetric(m, v).text }

// Difference writes right minus left of a metric from the numbers as
// printed, so that it is the difference a class reads off the page:
// shares in percentage points, "+5.8 percentage points"; without its sign
// if signed is false. It returns the number the text shows.
func Difference(m sim.Metric, left, right float64, signed bool) (string, float64) {
	_, l := Printed(m, left)
	_, r := Printed(m, right)
	d := r - l
	if !signed {
		d = math.Abs(d)
	}
	f := formatDifference(m, d, signed)
	return f.text, f.num
}

func formatMetric(m sim.Metric, v float64) fact {
	switch styleOf(m) {
	case shareTenths:
		return percent(v, 1)
	case shareWhole:
		return percent(v, 0)
	case count:
		r := math.Round(v)
		return fact{text: strconv.FormatFloat(r, 'f', 0, 64), num: r}
	case money:
		r := math.Round(v/1e5) / 10
		return fact{text: fmt.Sprintf("SEK %.1f million", r), num: r * 1e6}
	}
	p := agents.Phase(min(max(int(math.Round(v)), 0), agents.NumPhases-1))
	return fact{text: p.String(), num: float64(p)}
}

// Percent writes a share as a percentage with the decimals given.
func Percent(v float64, decimals int) string { return percent(v, decimals).text }

func percent(v float64, decimals int) fact {
	scale := math.Pow(10, float64(decimals))
	r := math.Round(100*v*scale) / scale
	return fact{text: strconv.FormatFloat(r, 'f', decimals, 64) + "%", num: r / 100}
}

// formatDifference writes a difference d of two metrics as shown: shares
// in percentage points, with a sign if signed.
func formatDifference(m sim.Metric, d float64, signed bool) fact {
	sign := func(s string, x float64) string {
		switch {
		case !signed || x == 0:
			return s
		case x > 0:
			return "+" + s
		}
		return "−" + s[1:] // a real minus sign on a projector
	}
	switch st := styleOf(m); st {
	case shareTenths, shareWhole:
		dec := 1
		if st == shareWhole {
			dec = 0
		}
		scale := math.Pow(10, float64(dec))
		r := math.Round(100*d*scale) / scale
		if r == 0 {
			r = 0 // no "−0.0"
		}
		unit := " percentage points"
		if math.Abs(r) == 1 {
			unit = " percentage point"
		}
		return fact{text: sign(strconv.FormatFloat(r, 'f', dec, 64), r) + unit, num: r / 100}
	case money:
		r := math.Round(d/1e5) / 10
		return fact{text: "SEK " + sign(fmt.Sprintf("%.1f", r), r) + " million", num: r * 1e6}
	}
	r := math.Round(d)
	if r == 0 {
		r = 0
	}
	return fact{text: sign(strconv.FormatFloat(r, 'f', 0, 64), r), num: r}
}
