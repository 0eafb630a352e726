package lessons

import (
	"embed"
	"errors"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/cisim/cisim/sim"
	"github.com/cisim/cisim/web/classroom"
)

//go:embed *.yaml
var files embed.FS

// Limits of a lesson.
const (
	MinSteps = 4
	MaxSteps = 8
	MaxBytes = 64 << 10 // of a lesson file
)

// Lesson is a guided lesson: a start (a design on each side and a seed)
// and steps of predict, run, explain.
type Lesson struct {
	ID      string `json:"id" yaml:"-"` // the file's name without .yaml
	Title   string `json:"title" yaml:"title"`
	Summary string `json:"summary" yaml:"summary"` // one line for the menu
	Goal    string `json:"goal" yaml:"goal"`       // what the class should take away, for the worksheet
	Start   Start  `json:"start" yaml:"start"`
	Steps   []Step `json:"steps" yaml:"steps"`
}

// Start is how a lesson opens.
type Start struct {
	Left  Side    `json:"left" yaml:"left"`
	Right Side    `json:"right" yaml:"right"`
	Seed  *uint64 `json:"seed" yaml:"seed"` // 1 if not given
}

// seed is the lesson's seed.
func (s *Start) seed() uint64 {
	if s.Seed == nil {
		return 1
	}
	return *s.Seed
}

// Side is a design: a built-in scenario and levers changed from it. In a
// step's set or change, the scenario may be left out (the side keeps its
// own) and the levers are changed on top of those in force.
type Side struct {
	Scenario string         `json:"scenario,omitempty" yaml:"scenario"`
	Levers   map[string]any `json:"levers,omitempty" yaml:"levers"`
}

// Step is one predict, run, explain.
type Step struct {
	Title   string   `json:"title" yaml:"title"`
	Say     string   `json:"say" yaml:"say"`       // what the class looks at before predicting
	Levers  []string `json:"levers" yaml:"levers"` // the levers the step shows
	Set     *Sides   `json:"set,omitempty" yaml:"set"`
	Seed    *uint64  `json:"-" yaml:"seed"` // another world: the step starts again with this seed
	Change  *Change  `json:"change,omitempty" yaml:"change"`
	Predict Predict  `json:"predict" yaml:"predict"`
	Run     Run      `json:"run" yaml:"run"`
	Watch   []string `json:"watch" yaml:"watch"` // the charts to look at, by metric
	Explain string   `json:"explain" yaml:"explain"`

	// Worked out when the lesson loads: the designs each side runs
	// under from the step's first week, whether the step starts again at
	// week 0, and the week it starts from.
	Configs [2]classroom.Config `json:"configs" yaml:"-"`
	RunSeed uint64              `json:"seed" yaml:"-"`          // the seed in force
	Restart bool                `json:"restart" yaml:"restart"` // start again at week 0 (a step that sets levers always does)
	From    int                 `json:"from" yaml:"-"`
	ToWeek  int                 `json:"toWeek" yaml:"-"`

	predict []*choice
	explain *template
}

// Sides holds a change to either side or both.
type Sides struct {
	Left  *Side `json:"left,omitempty" yaml:"left"`
	Right *Side `json:"right,omitempty" yaml:"right"`
}

// Change is a design changed during the step's run (an intervention):
// from the end of week Week·52 on, the sides run with these levers.
type Change struct {
	Year    float64             `json:"year" yaml:"year"`
	Left    *Side               `json:"left,omitempty" yaml:"left"`
	Right   *Side               `json:"right,omitempty" yaml:"right"`
	Week    int                 `json:"week" yaml:"-"`
	Configs [2]classroom.Config `json:"configs" yaml:"-"`
}

// Predict is the question a step asks before it runs. Each choice holds
// when its condition holds of the run (a template condition, as in {if …}).
type Predict struct {
	Question string   `json:"question" yaml:"question"`
	Choices  []Choice `json:"choices" yaml:"choices"`
}

// Choice is one answer the class may give.
type Choice struct {
	Text string `json:"text" yaml:"text"`
	When string `json:"when" yaml:"when"`
}

// Run is how far a step runs: to the end of year Years, and then, if
// Runs > 0, a Monte Carlo of Runs replicates of both sides.
type Run struct {
	Years float64 `json:"years" yaml:"years"`
	Runs  int     `json:"runs,omitempty" yaml:"runs"`
}

// Error is a problem with a lesson file, at file:line:column where the
// file has a place for it.
type Error struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("lessons: %s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("lessons: %s: %s", e.File, e.Msg)
}

// All returns the built-in lessons in menu order (by file name: the files
// are numbered). A built-in that does not load is a programming error.
func All() []*Lesson {
	names, err := files.ReadDir(".")
	if err != nil {
		panic(err)
	}
	var out []*Lesson
	horizons := map[string]int{} // shared: the lessons use the same few scenarios
	for _, n := range names {
		b, err := files.ReadFile(n.Name())
		if err != nil {
			panic(err)
		}
		l, err := parse(n.Name(), b, horizons)
		if err != nil {
			panic(err)
		}
		out = append(out, l)
	}
	return out
}

// Parse reads and checks a lesson file; name is the file's name, for
// errors and the lesson's ID. A design a step sets must name a built-in
// scenario and give its levers values they allow; whether a combination
// of levers makes a valid scenario shows when the step starts (the tests
// start every step of the built-ins).
func Parse(name string, data []byte) (*Lesson, error) { return parse(name, data, map[string]int{}) }

// parse is Parse with the horizons of the scenarios seen so far, which
// spares loading a scenario twice: loading is most of the page's start.
func parse(name string, data []byte, horizons map[string]int) (*Lesson, error) {
	if len(data) > MaxBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("%d bytes; a lesson has at most %d", len(data), MaxBytes)}
	}
	doc, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	var l Lesson
	if len(doc.Docs) == 0 || doc.Docs[0].Body == nil {
		return nil, &Error{File: name, Msg: "the file is empty"}
	}
	if err := decode(doc.Docs[0].Body, &l); err != nil {
		return nil, yamlError(name, err)
	}
	l.ID = strings.TrimSuffix(path.Base(name), path.Ext(name))
	if err := l.check(horizons); err != nil {
		var pe *placed
		if errors.As(err, &pe) {
			line, col := position(doc, pe.at)
			return nil, &Error{File: name, Line: line, Column: col, Msg: pe.at + ": " + pe.msg}
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	return &l, nil
}

// decode decodes strictly (an unknown field is an error); a panic of the
// YAML library is an error too.
func decode(n ast.Node, l *Lesson) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return yaml.NodeToValue(n, l, yaml.Strict())
}

func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
		msg, _, _ := strings.Cut(ye.GetMessage(), "\n")
		p := ye.GetToken().Position
		return &Error{File: name, Line: p.Line, Column: p.Column, Msg: msg}
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return &Error{File: name, Msg: msg}
}

// placed is a problem at a YAML path ("$.steps[2].explain").
type placed struct{ at, msg string }

func (p *placed) Error() string { return p.at + ": " + p.msg }

func problem(at, format string, args ...any) error {
	return &placed{at: at, msg: fmt.Sprintf(format, args...)}
}

// position finds the line and column of a YAML path, or of the nearest
// part of it that is in the file.
func position(doc *ast.File, at string) (int, int) {
	for p := at; p != ""; p = parentPath(p) {
		yp, err := yaml.PathString(p)
		if err != nil {
			continue
		}
		if n, err := yp.FilterFile(doc); err == nil && n != nil && n.GetToken() != nil {
			pos := n.GetToken().Position
			return pos.Line, pos.Column
		}
	}
	return 1, 1
}

func parentPath(p string) string {
	if i := strings.LastIndexAny(p, ".["); i > 1 {
		return p[:i]
	}
	return ""
}

// check checks the lesson and works out each step's designs and weeks.
func (l *Lesson) check(horizons map[string]int) error {
	switch {
	case strings.TrimSpace(l.Title) == "":
		return problem("$", "a lesson needs a title")
	case strings.TrimSpace(l.Summary) == "":
		return problem("$", "a lesson needs a summary, one line for the menu")
	case len(l.Steps) < MinSteps || len(l.Steps) > MaxSteps:
		return problem("$.steps", "%d steps; a lesson has %d to %d", len(l.Steps), MinSteps, MaxSteps)
	}
	configs, err := startConfigs(&l.Start)
	if err != nil {
		return err
	}
	week, horizon, seed := 0, 0, l.Start.seed()
	for i, c := range configs {
		if horizon, err = checkConfig(fmt.Sprintf("$.start.%s", sideNames[i]), c, horizons); err != nil {
			return err
		}
	}
	for i := range l.Steps {
		at := fmt.Sprintf("$.steps[%d]", i)
		st := &l.Steps[i]
		if st.Seed != nil {
			seed, st.Restart = *st.Seed, true
		}
		st.RunSeed = seed
		if configs, week, err = st.check(at, configs, week, horizon, horizons); err != nil {
			return err
		}
	}
	return nil
}

func startConfigs(s *Start) ([2]classroom.Config, error) {
	var out [2]classroom.Config
	for i, sd := range []Side{s.Left, s.Right} {
		if sd.Scenario == "" {
			return out, problem("$.start."+sideNames[i], "name the scenario this side starts with")
		}
		lv, err := normalise(sd.Levers)
		if err != nil {
			return out, problem("$.start."+sideNames[i]+".levers", "%v", err)
		}
		out[i] = classroom.Config{Scenario: sd.Scenario, Levers: lv}
	}
	return out, nil
}

// checkConfig checks a design's scenario and levers and returns its
// horizon, from horizons or by loading the scenario.
func checkConfig(at string, c classroom.Config, horizons map[string]int) (int, error) {
	if _, err := c.Sets(); err != nil {
		return 0, problem(at+".levers", "%v", err)
	}
	if w, ok := horizons[c.Scenario]; ok {
		return w, nil
	}
	w, err := classroom.Horizon(c.Scenario)
	if err != nil {
		return 0, problem(at+".scenario", "%v", err)
	}
	horizons[c.Scenario] = w
	return w, nil
}

// normalise makes every number a float64, as the page's levers hold them.
func normalise(levers map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(levers))
	for k, v := range levers {
		switch x := v.(type) {
		case uint64:
			v = float64(x)
		case int64:
			v = float64(x)
		case int:
			v = float64(x)
		case float64, bool, nil:
		default:
			return nil, fmt.Errorf("%s: want a number, true or false, or null; got %v", k, v)
		}
		out[k] = v
	}
	return out, nil
}

// merge returns c with sd's scenario (if any) and levers on top.
func merge(c classroom.Config, sd *Side) (classroom.Config, error) {
	if sd == nil {
		return c, nil
	}
	lv, err := normalise(sd.Levers)
	if err != nil {
		return c, err
	}
	out := classroom.Config{Scenario: c.Scenario, Levers: maps.Clone(c.Levers)}
	if out.Levers == nil {
		out.Levers = map[string]any{}
	}
	if sd.Scenario != "" && sd.Scenario != c.Scenario {
		out.Scenario = sd.Scenario
		for k := range out.Levers { // a new design keeps only the levers of the world
			if l, _ := classroom.LeverOf(k); !l.World {
				delete(out.Levers, k)
			}
		}
	}
	maps.Copy(out.Levers, lv)
	return out, nil
}

// weeksOf converts years to weeks as the page counts them.
func weeksOf(years float64) int { return int(math.Round(years * sim.WeeksPerYear)) }

// charted reports whether a metric is one of the page's charts.
func charted(name string) bool {
	return slices.ContainsFunc(classroom.Charted(), func(m sim.Metric) bool { return m.String() == name })
}
