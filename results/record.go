package results

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/sim"
)

// Col is a per-run column of summary.csv, after scenario, replicate and
// seed; a Record's Values are indexed by it.
type Col int

// The columns, in file order: the headline metrics (the README's table) first
// (ColOutcomeRate through ColSROI), then the rest of the run's summary.
const (
	ColOutcomeRate Col = iota
	ColParticipantOutcomeRate
	ColMeanTrust
	ColAgendaAlignment
	ColPartnersRemaining
	ColTotalCost
	ColCostPerOutcome
	ColSROI
	ColProgramOutcomes
	ColAdditionalOutcomes
	ColPopulation
	ColParticipants
	ColPartnersLost
	ColJoined
	ColReached
	ColDropout
	ColLostInHandoff
	ColWeeksToOutcome
	ColValueDispersion
	ColInnovations
	ColConflicts
	ColPhase
	ColAgreed
	ColStalled
	ColBrokeUp
	ColTickRun
	ColTickRedesign
	ColTickExponential
	NumColumns int = iota
)

// NumMetrics is the number of headline metrics: the columns before
// ColProgramOutcomes.
const NumMetrics = int(ColProgramOutcomes)

// columns name each column, say how to read it and read it from a run's
// Summary: FromSummary, the header, the writers, the readers and the
// codebook (docs/OUTPUTS.md) all follow this table.
var columns = [NumColumns]struct {
	name    string
	kind    Kind
	unit    string
	meaning string
	value   func(s *sim.Summary) float64
}{
	ColOutcomeRate:            {"outcome_rate", Number, "share", "share of everyone in the population during the run with a job or studies at the horizon, by any route", func(s *sim.Summary) float64 { return s.OutcomeRate }},
	ColParticipantOutcomeRate: {"participant_outcome_rate", Number, "share", "the same share among those ever enrolled", func(s *sim.Summary) float64 { return s.ParticipantOutcomeRate }},
	ColMeanTrust:              {"mean_trust", Number, "0–1", "mean pairwise trust among members at the horizon", func(s *sim.Summary) float64 { return s.MeanTrust }},
	ColAgendaAlignment:        {"agenda_alignment", Number, "0–1", "agenda–need alignment, mean over the last year", func(s *sim.Summary) float64 { return s.AgendaAlignment }},
	ColPartnersRemaining:      {"partners_remaining", Integer, "partners", "members at the horizon", func(s *sim.Summary) float64 { return float64(s.Partners) }},
	ColTotalCost:              {"total_cost", Number, "SEK", "partners' staff time and the backbone, over the run", func(s *sim.Summary) float64 { return s.TotalCost }},
	ColCostPerOutcome:         {"cost_per_outcome", Number, "SEK", "total cost per additional outcome; NA with none", func(s *sim.Summary) float64 { return s.CostPerOutcome }},
	ColSROI:                   {"sroi", Number, "SEK per SEK", "societal value of the additional outcomes per SEK spent", func(s *sim.Summary) float64 { return s.SROI }},
	ColProgramOutcomes:        {"program_outcomes", Integer, "young people", "outcomes reached through the programme", func(s *sim.Summary) float64 { return float64(s.ProgramOutcomes) }},
	ColAdditionalOutcomes:     {"additional_outcomes", Integer, "young people", "outcomes beyond those the same population would have reached with no programme", func(s *sim.Summary) float64 { return float64(s.AdditionalOutcomes) }},
	ColPopulation:             {"population", Integer, "young people", "everyone in the population during the run: the first cohort and entrants", func(s *sim.Summary) float64 { return float64(s.Population) }},
	ColParticipants:           {"participants", Integer, "young people", "ever enrolled", func(s *sim.Summary) float64 { return float64(s.Participants) }},
	ColPartnersLost:           {"partners_lost", Integer, "partners", "members at the start who are no longer members", func(s *sim.Summary) float64 { return float64(s.PartnersLost) }},
	ColJoined:                 {"joined", Integer, "partners", "outsiders who joined", func(s *sim.Summary) float64 { return float64(s.Joined) }},
	ColReached:                {"reached", Number, "share", "share of the population ever enrolled", func(s *sim.Summary) float64 { return s.Reached }},
	ColDropout:                {"dropout", Number, "share", "share of the population who dropped out at least once", func(s *sim.Summary) float64 { return s.Dropout }},
	ColLostInHandoff:          {"lost_in_handoff", Number, "share", "share of the population lost in a failed hand-off (each time)", func(s *sim.Summary) float64 { return s.LostInHandoff }},
	ColWeeksToOutcome:         {"weeks_to_outcome", Number, "weeks", "mean weeks from enrolment to a programme outcome; NA with none", func(s *sim.Summary) float64 { return s.WeeksToOutcome }},
	ColValueDispersion:        {"value_dispersion", Number, "0–1", "mean pairwise distance between members' values at the horizon", func(s *sim.Summary) float64 { return s.ValueDispersion }},
	ColInnovations:            {"innovations", Integer, "adoptions", "adoptions of new practices", func(s *sim.Summary) float64 { return float64(s.Innovations) }},
	ColConflicts:              {"conflicts", Integer, "conflicts", "conflicts that broke out", func(s *sim.Summary) float64 { return float64(s.Conflicts) }},
	ColPhase:                  {"phase", Category, "", "the partnership's phase at the horizon", func(s *sim.Summary) float64 { return float64(s.Phase) }},
	ColAgreed:                 {"agreed", Boolean, "", "a plan was agreed (with a common agenda)", func(s *sim.Summary) float64 { return indicator(s.Agreed) }},
	ColStalled:                {"stalled", Boolean, "", "with a common agenda, no plan was ever agreed", func(s *sim.Summary) float64 { return indicator(s.Stalled) }},
	ColBrokeUp:                {"broke_up", Boolean, "", "fewer than half the initial partners, or fewer than two, remained at a review", func(s *sim.Summary) float64 { return indicator(s.BrokeUp) }},
	ColTickRun:                {"tick_run", Integer, "weeks", "week the run phase was first reached; NA never", func(s *sim.Summary) float64 { return tick(s.PhaseTicks[1]) }},
	ColTickRedesign:           {"tick_redesign", Integer, "weeks", "week the redesign phase was first reached; NA never", func(s *sim.Summary) float64 { return tick(s.PhaseTicks[2]) }},
	ColTickExponential:        {"tick_exponential", Integer, "weeks", "week the exponential phase was first reached; NA never", func(s *sim.Summary) float64 { return tick(s.PhaseTicks[3]) }},
}

var phaseLevels = agents.PhaseNames()

// levels are a column's categories (the phases' names for phase).
func (c Col) levels() []string {
	if c == ColPhase {
		return phaseLevels
	}
	return nil
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// tick is the tick a phase was first reached, NaN when never (−1).
func tick(t int) float64 {
	if t < 0 {
		return math.NaN()
	}
	return float64(t)
}

// String is the column's name in summary.csv.
func (c Col) String() string { return columns[c].name }

// Bounds are the values a column can take: shares lie in [0, 1], counts,
// costs and ratios of them are at least 0 (+Inf: no upper bound; −Inf no
// lower one). A confidence interval is clipped to them.
func (c Col) Bounds() (lo, hi float64) {
	switch c {
	case ColOutcomeRate, ColParticipantOutcomeRate, ColMeanTrust, ColAgendaAlignment, ColReached, ColDropout,
		ColLostInHandoff, ColAgreed, ColStalled, ColBrokeUp:
		return 0, 1
	case ColValueDispersion, ColTickRun, ColTickRedesign, ColTickExponential, ColPhase:
		return math.Inf(-1), math.Inf(1) // −1 codes: not reached
	}
	return 0, math.Inf(1)
}

// Metrics returns the names of the headline metrics, in column order.
func Metrics() []string { return names(NumMetrics) }

// Columns returns the names of every per-run column, in file order.
func Columns() []string { return names(NumColumns) }

func names(n int) []string {
	out := make([]string, n)
	for c := range out {
		out[c] = columns[c].name
	}
	return out
}

// Metric returns the column of a headline metric by its name.
func Metric(name string) (Col, bool) {
	for c := range Col(NumMetrics) {
		if columns[c].name == name {
			return c, true
		}
	}
	return 0, false
}

// RunColumn returns any per-run column of summary.csv by its name.
func RunColumn(name string) (Col, bool) {
	for c := range Col(NumColumns) {
		if columns[c].name == name {
			return c, true
		}
	}
	return 0, false
}

// Record is one run: which scenario, replicate and seed, and its values
// by column (Values[ColOutcomeRate] …). A sweep's run also records its
// design point and the point's lever values, in extra columns after the
// values.
type Record struct {
	Scenario  string
	Replicate int
	Seed      uint64
	Values    []float64 // one per column, indexed by Col
	Drawn     []float64 // the replicate's draw of each uncertain number, in the manifest's order
	Point     int       // design point of a sweep
	Levers    []float64 // the point's lever values; nil outside a sweep
	// LeverKinds are the kinds of the levers' columns (LeverKinds of the
	// sweep's levers), which AppendCSV writes them as; nil: numbers.
	LeverKinds []Kind
}

// FromSummary builds the record of one run.
func FromSummary(scenario string, replicate int, seed uint64, s sim.Summary) Record {
	values := make([]float64, NumColumns)
	for c := range columns {
		values[c] = columns[c].value(&s)
	}
	return Record{Scenario: scenario, Replicate: replicate, Seed: seed, Values: values}
}

// SummaryHeader is the first line of summary.csv.
func SummaryHeader() string {
	return "scenario,replicate,seed," + strings.Join(Columns(), ",")
}

// SummaryHeader is the first line of the summary of the folder m
// describes: the run columns, the uncertain numbers drawn, and in a sweep
// the point and its levers.
func (m *Manifest) SummaryHeader() string {
	h := SummaryHeader()
	for _, k := range m.Drawn {
		h += "," + csvField(k)
	}
	if m.Sweep != nil {
		h += ",point"
		for _, l := range m.Sweep.Levers {
			h += "," + csvField(l)
		}
	}
	return h
}

// AppendCSV appends the record as one CSV line, each column as its kind.
func (r Record) AppendCSV(b []byte) []byte {
	b = append(b, csvField(r.Scenario)...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Replicate), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, r.Seed, 10)
	for c, v := range r.Values {
		b = append(b, ',')
		b = append(b, Format(columns[c].kind, Col(c).levels(), v)...)
	}
	for _, v := range r.Drawn {
		b = append(b, ',')
		b = append(b, FormatValue(v)...)
	}
	if r.Levers != nil {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(r.Point), 10)
		for i, v := range r.Levers {
			k := Number
			if i < len(r.LeverKinds) {
				k = r.LeverKinds[i]
			}
			b = append(b, ',')
			b = append(b, Format(k, nil, v)...)
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
// Rows come with their draws of the uncertain numbers and, in a sweep,
// their point and lever values; the header says how many of each.
func ReadSummary(r io.Reader, fn func(Record) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() {
		return fmt.Errorf("results: empty summary")
	}
	drawn, levers, err := headerShape(sc.Text())
	if err != nil {
		return err
	}
	line := 1
	for sc.Scan() {
		line++
		rec, err := parseRecord(sc.Text(), drawn, levers)
		if err != nil {
			return fmt.Errorf("results: summary line %d: %w", line, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return sc.Err()
}

// ReadColumn reads one value column of summary.csv, calling fn with each
// row's value in file order: ReadSummary's Values[c], and the same errors
// for a row of the wrong length or an unreadable value there, without
// parsing the rest of the row (a row holds every drawn number too, and
// the final statistics read a few columns one at a time).
func ReadColumn(r io.Reader, c Col, fn func(x float64) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	if !sc.Scan() {
		return fmt.Errorf("results: empty summary")
	}
	drawn, levers, err := headerShape(sc.Text())
	if err != nil {
		return err
	}
	want := 3 + NumColumns + drawn
	if levers >= 0 {
		want += 1 + levers
	}
	levels := c.levels()
	line := 1
	for sc.Scan() {
		line++
		n, f := fieldAt(sc.Bytes(), 3+int(c))
		if n != want {
			return fmt.Errorf("results: summary line %d: %d fields, want %d", line, n, want)
		}
		x, perr := Parse(levels, f)
		if perr != nil {
			return fmt.Errorf("results: summary line %d: %s: %w", line, c, perr)
		}
		if err = fn(x); err != nil {
			return err
		}
	}
	return sc.Err()
}

// fieldAt is splitFields(s)'s number of fields and its field k (""
// beyond them), copying only that field.
func fieldAt(s []byte, k int) (n int, field string) {
	for len(s) > 0 {
		if s[0] == '"' {
			end := 1
			for end < len(s) {
				if s[end] == '"' {
					if end+1 < len(s) && s[end+1] == '"' {
						end += 2
						continue
					}
					break
				}
				end++
			}
			if n == k {
				field = splitFields(string(s[:min(end+1, len(s))]))[0]
			}
			n++
			s = s[min(end+1, len(s)):]
			if len(s) > 0 && s[0] == ',' {
				s = s[1:]
			}
			continue
		}
		i := bytes.IndexByte(s, ',')
		f := s
		if i >= 0 {
			f, s = s[:i], s[i+1:]
		} else {
			s = nil
		}
		if n == k {
			field = string(f)
		}
		n++
	}
	return n, field
}

// ReadSummaryFile is ReadSummary of the summary.csv in dir.
func ReadSummaryFile(dir string, fn func(Record) error) error {
	f, err := os.Open(filepath.Join(dir, SummaryFile))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	return ReadSummary(f, fn)
}

// headerShape reads from a summary's header how many drawn columns follow
// the run's, and how many levers a sweep's point has (−1 outside a sweep).
func headerShape(header string) (drawn, levers int, err error) {
	rest, ok := strings.CutPrefix(header, SummaryHeader())
	if !ok || rest != "" && rest[0] != ',' {
		return 0, 0, fmt.Errorf("results: summary header %q is not this version's", header)
	}
	levers = -1
	for _, f := range splitFields(strings.TrimPrefix(rest, ",")) {
		switch {
		case f == "":
		case f == "point" && levers < 0:
			levers = 0
		case levers >= 0:
			levers++
		default:
			drawn++
		}
	}
	return drawn, levers, nil
}

// splitFields splits one CSV line into its fields, unquoting them.
func splitFields(s string) []string {
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
	return fields
}

// parseRecord parses one row with the given numbers of drawn and lever
// columns (levers −1 outside a sweep).
func parseRecord(s string, drawn, levers int) (Record, error) {
	fields := splitFields(s)
	want := 3 + NumColumns + drawn
	if levers >= 0 {
		want += 1 + levers
	}
	if len(fields) != want {
		return Record{}, fmt.Errorf("%d fields, want %d", len(fields), want)
	}
	rec := Record{Scenario: fields[0], Values: make([]float64, NumColumns), Drawn: make([]float64, drawn)}
	var err error
	if rec.Replicate, err = strconv.Atoi(fields[1]); err != nil {
		return rec, err
	}
	if rec.Seed, err = strconv.ParseUint(fields[2], 10, 64); err != nil {
		return rec, err
	}
	at := 3 + NumColumns
	for c := range rec.Values {
		if rec.Values[c], err = Parse(Col(c).levels(), fields[3+c]); err != nil {
			return rec, fmt.Errorf("%s: %w", Col(c), err)
		}
	}
	if err = parseValues(rec.Drawn, fields[at:at+drawn]); err != nil {
		return rec, err
	}
	if levers >= 0 {
		if rec.Point, err = strconv.Atoi(fields[at+drawn]); err != nil {
			return rec, err
		}
		rec.Levers = make([]float64, levers)
		if err = parseValues(rec.Levers, fields[at+drawn+1:]); err != nil {
			return rec, err
		}
	}
	return rec, nil
}

// parseValues parses fields Format wrote, NA as NaN, into dst.
func parseValues(dst []float64, fields []string) error {
	for i, f := range fields {
		x, err := Parse(nil, f)
		if err != nil {
			return err
		}
		dst[i] = x
	}
	return nil
}
