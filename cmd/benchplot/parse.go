package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A point is one sub-benchmark, key=x (beneficiaries=1000), with every
// metric each of its runs reported (-count n gives n values a unit).
type point struct {
	x       float64
	metrics map[string][]float64 // by unit, in the order read
}

// A family is a benchmark whose sub-benchmarks are points along one
// key: BenchmarkScaleBeneficiaries with beneficiaries=1000, 10000, ….
type family struct {
	name, key string
	points    []*point // in the order first read
}

// A report is what go test -bench printed: its families in the order
// first read and the machine it names.
type report struct {
	families []*family
	cpu      string // the "cpu:" header line's value
}

// parse reads go test -bench output from r, named name in errors. Lines
// that are not benchmark results (headers, PASS, ok) are skipped, as are
// sub-benchmarks not named key=number; a result line whose numbers do
// not read is refused with its place.
func parse(r io.Reader, name string) (*report, error) {
	rep := &report{}
	byName := map[string]*family{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if v, ok := strings.CutPrefix(text, "cpu: "); ok && rep.cpu == "" {
			rep.cpu = strings.TrimSpace(v)
		}
		fields := strings.Fields(text)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		fam, key, x, ok := splitName(fields[0])
		if !ok {
			continue
		}
		metrics, col, err := readMetrics(fields[1:])
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %v", name, line, column(text, 1+col), err)
		}
		f := byName[fam]
		if f == nil {
			f = &family{name: fam, key: key}
			byName[fam] = f
			rep.families = append(rep.families, f)
		}
		if f.key != key {
			return nil, fmt.Errorf("%s:%d:1: %s has points along %q and %q", name, line, fam, f.key, key)
		}
		f.add(x, metrics)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return rep, nil
}

// merge adds other's families to r, those of a name r has already
// joining it (their points' runs added to its).
func (r *report) merge(other *report) error {
	if r.cpu == "" {
		r.cpu = other.cpu
	}
	for _, g := range other.families {
		i := slices.IndexFunc(r.families, func(f *family) bool { return f.name == g.name })
		if i < 0 {
			r.families = append(r.families, g)
			continue
		}
		if f := r.families[i]; f.key != g.key {
			return fmt.Errorf("%s has points along %q and %q", g.name, f.key, g.key)
		}
		for _, p := range g.points {
			for unit, vs := range p.metrics {
				for _, v := range vs {
					r.families[i].add(p.x, map[string]float64{unit: v})
				}
			}
		}
	}
	return nil
}

// splitName splits BenchmarkScaleBeneficiaries/beneficiaries=1000-2
// (the -2 is GOMAXPROCS) into the family, the key and the number. A
// benchmark without sub-benchmarks is a point along "cores", its
// GOMAXPROCS (go test -cpu 1,2 names it BenchmarkX, then BenchmarkX-2;
// but go test runs a benchmark's first round at the GOMAXPROCS the one
// before it left, golang/go#49980, and a b.Loop benchmark has no other,
// so cisim's CompareCores sets GOMAXPROCS itself).
func splitName(s string) (fam, key string, x float64, ok bool) {
	name, procs := s, "1"
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		if _, err := strconv.Atoi(s[i+1:]); err == nil {
			name, procs = s[:i], s[i+1:]
		}
	}
	fam, sub, found := strings.Cut(name, "/")
	key, val := "cores", procs
	if found {
		if key, val, found = strings.Cut(sub, "="); !found || strings.Contains(key, "/") {
			return "", "", 0, false
		}
	}
	x, err := strconv.ParseFloat(val, 64)
	return fam, key, x, err == nil
}

// column is the 1-based byte column where the i-th (0-based) of text's
// space-separated fields starts.
func column(text string, i int) int {
	in := false
	for k, c := range text {
		space := c == ' ' || c == '\t'
		if !space && !in {
			if i == 0 {
				return k + 1
			}
			i--
		}
		in = !space
	}
	return len(text) + 1
}

// readMetrics reads "iterations value unit value unit …"; on an error it
// also returns the field it is in.
func readMetrics(f []string) (map[string]float64, int, error) {
	if _, err := strconv.Atoi(f[0]); err != nil {
		return nil, 0, fmt.Errorf("iterations %q: not a whole number", f[0])
	}
	if len(f)%2 != 1 {
		return nil, len(f) - 1, fmt.Errorf("value %q has no unit", f[len(f)-1])
	}
	m := map[string]float64{}
	for i := 1; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, i, fmt.Errorf("value %q of %s: not a finite number", f[i], f[i+1])
		}
		m[f[i+1]] = v
	}
	return m, 0, nil
}

func (f *family) add(x float64, metrics map[string]float64) {
	i := slices.IndexFunc(f.points, func(p *point) bool { return p.x == x })
	if i < 0 {
		f.points = append(f.points, &point{x: x, metrics: map[string][]float64{}})
		i = len(f.points) - 1
	}
	for unit, v := range metrics {
		f.points[i].metrics[unit] = append(f.points[i].metrics[unit], v)
	}
}

// metric is the first of units every point of f reports, or "".
func (f *family) metric(units []string) string {
	for _, u := range units {
		if !slices.ContainsFunc(f.points, func(p *point) bool { return len(p.metrics[u]) == 0 }) {
			return u
		}
	}
	return ""
}
