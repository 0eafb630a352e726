package lessons

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/classroom"
)

// Facts are what an explanation may say about the run on the page: both
// sides' engines at the week reached, and a Monte Carlo if one ran. The
// facts a template names are
//
//	week, year, seed                          the week reached, in years, the seed
//	left.X, right.X                           facts of one side, X one of:
//	  title                                   the design's name in words
//	  METRIC, METRIC@W                        a metric of sim.MetricNames now, or at the end of week W
//	  max.METRIC, min.METRIC                  its highest and lowest so far
//	  phase                                   the phase now
//	  reached.PHASE                           "week 65", or "never"
//	  count.KIND, count.GROUP                 events of a kind (agents.EventNames) or group (classroom.EventInfo) so far
//	  first.KIND, last.KIND (or GROUP)        the first or latest such event in words, or "none"
//	  when.KIND (or GROUP)                    "week 13" for the first such event, or "never"
//	                                          (each of these four with @W: up to the end of week W)
//	  lever.KEY                               a lever as the page writes it ("2 full-time staff")
//	  agree_trust                             the trust a plan needs (the run phase's threshold)
//	  most_say, most_say_share                the member with the most say in the agenda, and its share
//	  most_money                              the member with the largest budget
//	diff.METRIC, diff.METRIC@W                right minus left, signed ("+5.8 percentage points")
//	gap.METRIC, gap.METRIC@W                  the same without its sign
//	mc.runs, mc.right_ahead, mc.left_ahead, mc.ties   the Monte Carlo's runs, and in how many the
//	                                          right (left) side ended with more young people in a job or studies
//	mc.left.METRIC.Q, mc.right.METRIC.Q       a charted metric at the horizon over the runs, Q one of
//	                                          p05 p25 median p75 p95
//
// Numbers are written as the page writes them and compare as written.
type Facts struct {
	Week  int
	Seed  uint64
	Sides [2]SideFacts
	MC    *classroom.Bands // nil when no Monte Carlo ran
}

// SideFacts is one side: its design in force and its engine.
type SideFacts struct {
	Title  string
	Config classroom.Config
	Engine *sim.Engine
}

// FromSession reads the facts of a session and its Monte Carlo (nil if none).
func FromSession(s *classroom.Session, mc *classroom.Bands) Facts {
	f := Facts{Week: s.Week(), Seed: s.Seed(), MC: mc}
	for i := range f.Sides {
		c := s.Config(i)
		f.Sides[i] = SideFacts{Title: classroom.Title(c.Scenario), Config: c, Engine: s.Engine(i)}
	}
	return f
}

var sideNames = []string{"left", "right"}

var quantileNames = []string{"p05", "p25", "median", "p75", "p95"}

// checkFact says whether path names a fact, without a run: lessons are
// checked when they load.
func checkFact(path string) error {
	_, err := lookup(nil, path)
	return err
}

// Look returns the fact at path.
func (f *Facts) Look(path string) (fact, error) { return lookup(f, path) }

// lookup finds the fact at path in f; with f nil it only checks the path.
func lookup(f *Facts, path string) (fact, error) {
	head, rest, _ := strings.Cut(path, ".")
	switch head {
	case "week", "year", "seed":
		if rest != "" {
			break
		}
		if f == nil {
			return fact{}, nil
		}
		switch head {
		case "week":
			return number(strconv.Itoa(f.Week), float64(f.Week)), nil
		case "year":
			y := math.Round(float64(f.Week)/sim.WeeksPerYear*10) / 10
			return number(strconv.FormatFloat(y, 'f', -1, 64), y), nil
		}
		return fact{text: strconv.FormatUint(f.Seed, 10), num: float64(f.Seed)}, nil
	case "left", "right":
		var sf *SideFacts
		if f != nil {
			sf = &f.Sides[slices.Index(sideNames, head)]
		}
		v, err := sf.look(rest)
		if err != nil { // name the fact as the template wrote it
			err = errors.New(strings.Replace(err.Error(), strconv.Quote(rest), strconv.Quote(path), 1))
		}
		return v, err
	case "diff", "gap":
		return f.difference(head == "gap", rest)
	case "mc":
		return f.monteCarlo(rest)
	}
	return fact{}, fmt.Errorf("unknown fact %q: facts start with week, year, seed, left, right, diff, gap or mc", path)
}

func number(text string, v float64) fact { return fact{text: text, num: v} }

// look finds a fact of one side; sf nil only checks the path.
func (sf *SideFacts) look(path string) (fact, error) {
	what, arg, _ := strings.Cut(path, ".")
	switch what {
	case "title":
		if sf == nil {
			return fact{}, nil
		}
		return fact{text: sf.Title, num: math.NaN()}, nil
	case "phase":
		if sf == nil {
			return fact{}, nil
		}
		return fact{text: sf.Engine.Phase().String(), num: float64(sf.Engine.Phase())}, nil
	case "agree_trust":
		if sf == nil {
			return fact{}, nil
		}
		t, v := classroom.Printed(sim.MeanTrust, sf.Engine.Scenario().Params.Decisions.AgreeTrust)
		return fact{text: t, num: v}, nil
	case "reached":
		return sf.reached(arg)
	case "count", "first", "last", "when":
		return sf.events(what, arg)
	case "lever":
		return sf.lever(arg)
	case "most_say", "most_say_share", "most_money":
		if arg != "" {
			break
		}
		return sf.most(what)
	case "max", "min":
		return sf.extreme(what == "max", arg)
	}
	return sf.metricAt(path)
}

// metricAt is METRIC or METRIC@W.
func (sf *SideFacts) metricAt(path string) (fact, error) {
	m, w, err := parseMetric(path)
	if err != nil {
		return fact{}, err
	}
	if sf == nil {
		return fact{}, nil
	}
	t := sf.Engine.Tick()
	if w < 0 {
		w = t
	}
	if w < 1 || w > t {
		return fact{}, fmt.Errorf("%s: week %d is not run yet (the run is at week %d)", path, w, t)
	}
	return printed(m, sf.Engine.Value(w-1, m)), nil
}

// printed is a metric's value as the page prints it.
func printed(m sim.Metric, v float64) fact {
	t, n := classroom.Printed(m, v)
	return fact{text: t, num: n}
}

// parseMetric reads METRIC or METRIC@W; w is −1 without @.
func parseMetric(s string) (sim.Metric, int, error) {
	name, at, hasAt := strings.Cut(s, "@")
	m := slices.Index(sim.MetricNames(), name)
	if m < 0 {
		return 0, 0, fmt.Errorf("unknown fact %q: want title, phase, agree_trust, reached.PHASE, count/first/last/when.KIND, lever.KEY, max/min.METRIC or a metric (%s)",
			s, strings.Join(sim.MetricNames(), ", "))
	}
	if !hasAt {
		return sim.Metric(m), -1, nil
	}
	w, err := strconv.Atoi(at)
	if err != nil || w < 1 {
		return 0, 0, fmt.Errorf("%q: want METRIC@WEEK with a week from 1", s)
	}
	return sim.Metric(m), w, nil
}

func (sf *SideFacts) extreme(max bool, name string) (fact, error) {
	m, w, err := parseMetric(name)
	if err == nil && w >= 0 {
		err = fmt.Errorf("%q: max and min are over the whole run so far, without @", name)
	}
	if err != nil || sf == nil {
		return fact{}, err
	}
	t := sf.Engine.Tick()
	if t == 0 {
		return fact{}, errors.New("nothing has run yet")
	}
	best := printed(m, sf.Engine.Value(0, m))
	for k := 1; k < t; k++ {
		v := printed(m, sf.Engine.Value(k, m))
		if (max && v.num > best.num) || (!max && v.num < best.num) {
			best = v
		}
	}
	return best, nil
}

func (sf *SideFacts) reached(phase string) (fact, error) {
	p := slices.Index(agents.PhaseNames(), phase)
	if p < 0 {
		return fact{}, fmt.Errorf("reached.%s: want a phase, one of %s", phase, strings.Join(agents.PhaseNames(), ", "))
	}
	if sf == nil {
		return fact{}, nil
	}
	if p == int(agents.Initiation) {
		return number("week 0", 0), nil
	}
	for _, ev := range sf.Engine.Events() {
		if ev.Kind == agents.PhaseChanged && ev.Cause == phase {
			return number(fmt.Sprintf("week %d", ev.Tick+1), float64(ev.Tick+1)), nil
		}
	}
	return number("never", math.Inf(1)), nil
}

// groups are the event groups of classroom.EventInfo.
var groups = []string{"plan", "partners", "money", "conflict", "ideas", "world", "intervention", "rule"}

// events answers count, first, last and when of a kind or group, of the
// whole run so far or, with @W, up to the end of week W.
func (sf *SideFacts) events(what, name string) (fact, error) {
	name, at, hasAt := strings.Cut(name, "@")
	until := math.MaxInt
	if hasAt {
		w, err := strconv.Atoi(at)
		if err != nil || w < 1 {
			return fact{}, fmt.Errorf("%s.%s@%s: want a week from 1 after @", what, name, at)
		}
		until = w
	}
	if slices.Index(agents.EventNames(), name) < 0 && slices.Index(groups, name) < 0 {
		return fact{}, fmt.Errorf("%s.%s: want an event kind (%s) or group (%s)", what, name,
			strings.Join(agents.EventNames(), ", "), strings.Join(groups, ", "))
	}
	if sf == nil {
		return fact{}, nil
	}
	var found []classroom.EventInfo
	log := sf.Engine.Events()
	for k := range log {
		if info := classroom.InfoAt(log, k, sf.Engine.Actors()); info.Week <= until && (info.Kind == name || info.Group == name) {
			found = append(found, info)
		}
	}
	switch {
	case what == "count":
		return number(strconv.Itoa(len(found)), float64(len(found))), nil
	case len(found) == 0 && what == "when":
		return number("never", math.Inf(1)), nil
	case len(found) == 0:
		return fact{text: "none", num: math.NaN()}, nil
	}
	ev := found[0]
	if what == "last" {
		ev = found[len(found)-1]
	}
	if what == "when" {
		return number(fmt.Sprintf("week %d", ev.Week), float64(ev.Week)), nil
	}
	_, text, _ := strings.Cut(ev.Text, ": ") // without "Week 14: ", which when gives
	return number(text, float64(ev.Week)), nil
}

func (sf *SideFacts) lever(key string) (fact, error) {
	lv, ok := classroom.LeverOf(key)
	if !ok {
		return fact{}, fmt.Errorf("lever.%s: no such lever", key)
	}
	if sf == nil {
		return fact{}, nil
	}
	v, ok := sf.Config.Levers[key]
	if !ok {
		vals, err := classroom.Values(sf.Config.Scenario)
		if err != nil {
			return fact{}, err
		}
		v = vals[key]
	}
	num := math.NaN()
	switch x := v.(type) {
	case float64:
		num = x
	case bool:
		num = 0
		if x {
			num = 1
		}
	}
	return fact{text: lv.Text(v), num: num}, nil
}

// most names the member with the most say in the agenda or the largest
// budget (the first such in the list); its number is its index, so that
// "left.most_say == left.most_money" compares the two.
func (sf *SideFacts) most(what string) (fact, error) {
	if sf == nil {
		return fact{}, nil
	}
	actors := sf.Engine.Actors()
	score := classroom.Voices(sf.Engine)
	if what == "most_money" {
		for i, a := range actors {
			score[i] = a.Budget
		}
	}
	best := -1
	for i, a := range actors {
		if a.Member && (best < 0 || score[i] > score[best]) {
			best = i
		}
	}
	if best < 0 {
		return fact{text: "no one", num: math.NaN()}, nil
	}
	if what == "most_say_share" {
		return fact{text: classroom.Percent(score[best], 0), num: math.Round(100*score[best]) / 100}, nil
	}
	return fact{text: actors[best].Name, num: float64(best)}, nil
}

// difference is right minus left of a metric, from the numbers as shown,
// so that it is the difference a class reads off the page.
func (f *Facts) difference(abs bool, path string) (fact, error) {
	m, _, err := parseMetric(path)
	if err != nil || f == nil {
		return fact{}, err
	}
	if _, err := f.Sides[0].metricAt(path); err != nil {
		return fact{}, err
	}
	if _, err := f.Sides[1].metricAt(path); err != nil {
		return fact{}, err
	}
	_, w, _ := parseMetric(path)
	l, r := f.Sides[0].Engine, f.Sides[1].Engine
	if w < 0 {
		w = min(l.Tick(), r.Tick())
	}
	t, v := classroom.Difference(m, l.Value(w-1, m), r.Value(w-1, m), !abs)
	return fact{text: t, num: v}, nil
}

func (f *Facts) monteCarlo(path string) (fact, error) {
	parts := strings.Split(path, ".")
	switch {
	case len(parts) == 1 && slices.Contains([]string{"runs", "right_ahead", "left_ahead", "ties"}, parts[0]):
	case len(parts) == 3 && slices.Contains(sideNames, parts[0]) && slices.Contains(quantileNames, parts[2]) &&
		slices.ContainsFunc(classroom.Charted(), func(m sim.Metric) bool { return m.String() == parts[1] }):
	default:
		return fact{}, fmt.Errorf("mc.%s: want mc.runs, mc.right_ahead, mc.left_ahead, mc.ties or mc.left/right.METRIC.Q with a charted metric and Q one of %s",
			path, strings.Join(quantileNames, " "))
	}
	if f == nil {
		return fact{}, nil
	}
	b := f.MC
	if b == nil || b.Runs == 0 {
		return fact{}, errors.New("no Monte Carlo has run: give the step run: runs")
	}
	count := func(n int) fact { return number(strconv.Itoa(n), float64(n)) }
	switch parts[0] {
	case "runs":
		return count(b.Runs), nil
	case "right_ahead":
		return count(b.RightAhead), nil
	case "left_ahead":
		return count(b.Runs - b.RightAhead - b.Ties), nil
	case "ties":
		return count(b.Ties), nil
	}
	m := slices.IndexFunc(classroom.Charted(), func(m sim.Metric) bool { return m.String() == parts[1] })
	q := slices.Index(quantileNames, parts[2])
	return printed(classroom.Charted()[m], b.Sides[slices.Index(sideNames, parts[0])].Final[parts[1]][q]), nil
}
