package results

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/cisim/cisim/sim"
)

// Metrics are the headline per-run metrics of PRODUCT.md, in column order.
var Metrics = []string{
	"outcome_rate", "mean_trust", "agenda_alignment", "partners_remaining",
	"total_cost", "cost_per_outcome", "sroi",
}

// Columns are every per-run column of summary.csv after scenario,
// replicate and seed: the headline metrics, then the rest of the run's
// summary.
var Columns = append(append([]string(nil), Metrics...),
	"program_outcomes", "partners_lost", "reached", "dropout", "weeks_to_outcome",
	"value_dispersion", "innovations", "phase", "stalled", "tick_run", "tick_redesign", "tick_exponential")

// Record is one run: which scenario, replicate and seed, and its values in
// the order of Columns. A sweep's run also records its design point and
// the point's lever values, in extra columns after the values.
type Record struct {
	Scenario  string
	Replicate int
	Seed      uint64
	Values    []float64
	Point     int       // design point of a sweep
	Levers    []float64 // the point's lever values; nil outside a sweep
}

// FromSummary builds the record of one run.
func FromSummary(scenario string, replicate int, seed uint64, s sim.Summary) Record {
	stalled := 0.0
	if s.Stalled {
		stalled = 1
	}
	tick := func(t int) float64 {
		if t < 0 {
			return math.NaN()
		}
		return float64(t)
	}
	return Record{
		Scenario:  scenario,
		Replicate: replicate,
		Seed:      seed,
		Values: []float64{
			s.OutcomeRate, s.MeanTrust, s.AgendaAlignment, float64(s.Partners),
			s.TotalCost, s.CostPerOutcome, s.SROI,
			float64(s.ProgramOutcomes), float64(s.PartnersLost), s.Reached, s.Dropout, s.WeeksToOutcome,
			s.ValueDispersion, float64(s.Innovations), float64(s.Phase), stalled,
			tick(s.PhaseTicks[1]), tick(s.PhaseTicks[2]), tick(s.PhaseTicks[3]),
		},
	}
}

// SummaryHeader is the first line of summary.csv.
func SummaryHeader() string {
	return "scenario,replicate,seed," + strings.Join(Columns, ",")
}

// sweepHeader is the first line of a sweep's summary.csv: the run columns,
// then the point and its levers.
func sweepHeader(levers []string) string {
	h := SummaryHeader() + ",point"
	for _, l := range levers {
		h += "," + csvField(l)
	}
	return h
}

// summaryHeader is the first line of the summary of the run m describes.
func summaryHeader(m *Manifest) string {
	if m.Sweep != nil {
		return sweepHeader(m.Sweep.Levers)
	}
	return SummaryHeader()
}

// formatValue writes a number as its shortest exact decimal; undefined
// values (NaN) as NA, which pandas and R read as missing by default.
func formatValue(x float64) string {
	if math.IsNaN(x) {
		return "NA"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// AppendCSV appends the record as one CSV line.
func (r Record) AppendCSV(b []byte) []byte {
	b = append(b, csvField(r.Scenario)...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Replicate), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, r.Seed, 10)
	for _, v := range r.Values {
		b = append(b, ',')
		b = append(b, formatValue(v)...)
	}
	if r.Levers != nil {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(r.Point), 10)
		for _, v := range r.Levers {
			b = append(b, ',')
			b = append(b, formatValue(v)...)
		}
	}
	return append(b, '\n')
}

// csvField quotes a field when it holds a comma, quote or line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// ReadSummary reads summary.csv rows, calling fn for each in file order.
// A sweep's rows come with their point and lever values.
func ReadSummary(r io.Reader, fn func(Record) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() {
		return fmt.Errorf("results: empty summary")
	}
	got := sc.Text()
	levers := -1
	switch {
	case got == SummaryHeader():
	case strings.HasPrefix(got, SummaryHeader()+",point"):
		levers = strings.Count(strings.TrimPrefix(got, SummaryHeader()+",point"), ",")
	default:
		return fmt.Errorf("results: summary header %q is not this version's", got)
	}
	line := 1
	for sc.Scan() {
		line++
		rec, err := parseRecord(sc.Text(), levers)
		if err != nil {
			return fmt.Errorf("results: summary line %d: %w", line, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return sc.Err()
}

// parseRecord parses one row; levers is the number of lever columns of a
// sweep, or −1.
func parseRecord(s string, levers int) (Record, error) {
	var fields []string
	for len(s) > 0 {
		if s[0] == '"' {
			end := 1
			var b strings.Builder
			for end < len(s) {
				if s[end] == '"' {
					if end+1 < len(s) && s[end+1] == '"' {
						b.WriteByte('"')
						end += 2
						continue
					}
					break
				}
				b.WriteByte(s[end])
				end++
			}
			fields = append(fields, b.String())
			s = strings.TrimPrefix(s[min(end+1, len(s)):], ",")
			continue
		}
		f, rest, _ := strings.Cut(s, ",")
		fields = append(fields, f)
		s = rest
	}
	want := 3 + len(Columns)
	if levers >= 0 {
		want += 1 + levers
	}
	if len(fields) != want {
		return Record{}, fmt.Errorf("%d fields, want %d", len(fields), want)
	}
	rec := Record{Scenario: fields[0], Values: make([]float64, len(Columns))}
	var err error
	if rec.Replicate, err = strconv.Atoi(fields[1]); err != nil {
		return rec, err
	}
	if rec.Seed, err = strconv.ParseUint(fields[2], 10, 64); err != nil {
		return rec, err
	}
	if err := parseValues(rec.Values, fields[3:3+len(Columns)]); err != nil {
		return rec, err
	}
	if levers >= 0 {
		if rec.Point, err = strconv.Atoi(fields[3+len(Columns)]); err != nil {
			return rec, err
		}
		rec.Levers = make([]float64, levers)
		if err := parseValues(rec.Levers, fields[4+len(Columns):]); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

// parseValues parses numbers, NA as NaN, into dst.
func parseValues(dst []float64, fields []string) error {
	for i, f := range fields {
		if f == "NA" {
			dst[i] = math.NaN()
			continue
		}
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return err
		}
		dst[i] = x
	}
	return nil
}
