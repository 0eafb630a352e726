//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"syscall/js"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/web/classroom"
	"github.com/cisim/cisim/web/lessons"
)

// api holds the session the page drives, its Monte Carlo, if any, and
// the lessons: the built-ins and any a teacher opened.
type api struct {
	s       *classroom.Session
	mc      *classroom.MonteCarlo
	lessons []*lessons.Lesson
}

type scenario struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Purpose string `json:"purpose"`
}

// catalog is what the page needs to build its controls.
type catalog struct {
	Scenarios []scenario         `json:"scenarios"`
	Levers    []classroom.Lever  `json:"levers"`
	Charted   []string           `json:"charted"`
	Defaults  [2]string          `json:"defaults"`
	Values    map[string]any     `json:"values"` // lever values of every built-in, by name
	Limits    map[string]int     `json:"limits"`
	Quantiles []float64          `json:"quantiles"`
	Lessons   []*lessons.Lesson  `json:"lessons"`
	Presets   []classroom.Preset `json:"presets"`
	Domains   []string           `json:"domains"` // the need domains a partner's KPIs weigh
	Values3   []string           `json:"valueNames"`
	Phases    []string           `json:"phases"`
}

func main() {
	a := &api{s: classroom.New(), lessons: lessons.All()}
	funcs := map[string]func(args []js.Value) (any, error){
		"catalog":      a.catalog,
		"configure":    a.configure,
		"intervene":    a.intervene,
		"seed":         a.seed,
		"reset":        func([]js.Value) (any, error) { a.s.Reset(); a.mc = nil; return a.full(), nil },
		"snapshot":     func([]js.Value) (any, error) { return a.full(), nil },
		"step":         a.step,
		"csv":          func([]js.Value) (any, error) { return a.s.CSV(), nil },
		"mcStart":      a.mcStart,
		"mcStep":       a.mcStep,
		"mcBands":      a.mcBands,
		"lessonBegin":  a.lessonBegin,
		"lessonChange": a.lessonChange,
		"explain":      a.explain,
		"lessonOpen":   a.lessonOpen,
	}
	obj := js.Global().Get("Object").New()
	for name, f := range funcs {
		obj.Set(name, js.FuncOf(wrap(f)))
	}
	js.Global().Set("cisim", obj)
	js.Global().Get("document").Call("dispatchEvent", js.Global().Get("Event").New("cisim-ready"))
	select {}
}

// wrap turns f into a JavaScript function that answers a JSON string (a
// plain string for CSV), or {"error": …} on an error or a panic.
func wrap(f func([]js.Value) (any, error)) func(js.Value, []js.Value) any {
	return func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if r := recover(); r != nil {
				out = errorJSON(fmt.Errorf("cisim: internal error: %v", r))
			}
		}()
		v, err := f(args)
		if err != nil {
			return errorJSON(err)
		}
		if s, ok := v.(string); ok {
			return s
		}
		b, err := json.Marshal(v)
		if err != nil {
			return errorJSON(err)
		}
		return string(b)
	}
}

func errorJSON(err error) string {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(b)
}

var jsObject = js.Global().Get("Object")

// argString returns argument i, which must be a string.
func argString(args []js.Value, i int, name string) (string, error) {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return "", fmt.Errorf("cisim: %s: want a string argument", name)
	}
	// Length first: String copies the whole string into wasm memory, so a
	// huge one would be copied before it could be refused. Value.Length
	// takes objects only; Object(s) wraps the string without copying it.
	if n := jsObject.Invoke(args[i]).Length(); n > 1<<16 {
		return "", fmt.Errorf("cisim: %s: argument of %d characters is too long", name, n)
	}
	s := args[i].String()
	if len(s) > 1<<16 { // up to three bytes a character in UTF-8
		return "", fmt.Errorf("cisim: %s: argument of %d bytes is too long", name, len(s))
	}
	return s, nil
}

// argInt returns argument i, which must be a whole number.
func argInt(args []js.Value, i int, name string) (int, error) {
	if i >= len(args) || args[i].Type() != js.TypeNumber {
		return 0, fmt.Errorf("cisim: %s: want a number argument", name)
	}
	f := args[i].Float()
	if f != float64(int(f)) || f < -1e9 || f > 1e9 {
		return 0, fmt.Errorf("cisim: %s: want a whole number, got %v", name, f)
	}
	return int(f), nil
}

func (a *api) catalog([]js.Value) (any, error) {
	c := catalog{Levers: classroom.Levers(), Defaults: classroom.DefaultSides(),
		Values: map[string]any{}, Quantiles: classroom.Quantiles(),
		Limits: map[string]int{"maxRuns": classroom.MaxRuns, "maxStep": classroom.MaxStep, "maxBeneficiaries": classroom.MaxBeneficiaries}}
	for _, m := range classroom.Charted() {
		c.Charted = append(c.Charted, m.String())
	}
	c.Lessons, c.Presets = a.lessons, classroom.Presets()
	c.Domains, c.Values3, c.Phases = agents.DomainNames(), agents.ValueNames(), agents.PhaseNames()
	for _, e := range classroom.Builtins() {
		c.Scenarios = append(c.Scenarios, scenario{e.Name, classroom.Title(e.Name), e.Purpose})
		v, err := classroom.Values(e.Name)
		if err != nil {
			return nil, err
		}
		c.Values[e.Name] = v
	}
	return c, nil
}

// configure(side, configJSON) sets one side and resets both.
func (a *api) configure(args []js.Value) (any, error) {
	side, err := argInt(args, 0, "configure")
	if err != nil {
		return nil, err
	}
	s, err := argString(args, 1, "configure")
	if err != nil {
		return nil, err
	}
	var c classroom.Config
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return nil, fmt.Errorf("cisim: configure: %v", err)
	}
	if err := a.s.Configure(side, c); err != nil {
		return nil, err
	}
	a.mc = nil
	return a.full(), nil
}

// full is the whole state: every week's series and every event.
func (a *api) full() classroom.Snapshot { return a.s.Snapshot(0, [2]int{}) }

// intervene(side, configJSON) changes one side's design from the current
// week on (at week 0 it is configure) and returns the news: the
// intervention's event.
func (a *api) intervene(args []js.Value) (any, error) {
	side, err := argInt(args, 0, "intervene")
	if err != nil {
		return nil, err
	}
	s, err := argString(args, 1, "intervene")
	if err != nil {
		return nil, err
	}
	var c classroom.Config
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return nil, fmt.Errorf("cisim: intervene: %v", err)
	}
	week, logged := a.s.Week(), a.s.Logged()
	if err := a.s.Intervene(side, c); err != nil {
		return nil, err
	}
	a.mc = nil
	if week == 0 {
		return a.full(), nil
	}
	return a.s.Snapshot(week, logged), nil
}

// seed(decimal string) sets the master seed and resets both sides.
func (a *api) seed(args []js.Value) (any, error) {
	s, err := argString(args, 0, "seed")
	if err != nil {
		return nil, err
	}
	seed, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("cisim: seed %q: want a whole number from 0 to 18446744073709551615", s)
	}
	a.s.SetSeed(seed)
	a.mc = nil
	return a.full(), nil
}

// step(n) runs up to n weeks and returns the snapshot with the new weeks.
func (a *api) step(args []js.Value) (any, error) {
	n, err := argInt(args, 0, "step")
	if err != nil {
		return nil, err
	}
	if n < 1 || n > classroom.MaxStep {
		return nil, fmt.Errorf("cisim: step %d: want 1 to %d weeks", n, classroom.MaxStep)
	}
	from, logged := a.s.Week(), a.s.Logged()
	a.s.Step(n)
	return a.s.Snapshot(from, logged), nil
}

func (a *api) mcStart(args []js.Value) (any, error) {
	runs, err := argInt(args, 0, "mcStart")
	if err != nil {
		return nil, err
	}
	mc, err := a.s.MonteCarlo(runs)
	if err != nil {
		return nil, err
	}
	a.mc = mc
	return map[string]int{"done": 0, "runs": runs}, nil
}

func (a *api) mcStep(args []js.Value) (any, error) {
	n, err := argInt(args, 0, "mcStep")
	if err != nil {
		return nil, err
	}
	if a.mc == nil {
		return nil, fmt.Errorf("cisim: no Monte Carlo started")
	}
	return map[string]int{"done": a.mc.Step(n), "runs": a.mc.Runs()}, nil
}

func (a *api) mcBands([]js.Value) (any, error) {
	if a.mc == nil {
		return nil, fmt.Errorf("cisim: no Monte Carlo started")
	}
	return a.mc.Bands(), nil
}

// lesson reads the arguments (lesson id, step index) of a lesson call.
func (a *api) lesson(args []js.Value, name string) (*lessons.Lesson, int, error) {
	id, err := argString(args, 0, name)
	if err != nil {
		return nil, 0, err
	}
	step, err := argInt(args, 1, name)
	if err != nil {
		return nil, 0, err
	}
	l, ok := lessons.Find(a.lessons, id)
	if !ok {
		return nil, 0, fmt.Errorf("cisim: %s: no lesson %q", name, id)
	}
	if step < 0 || step >= len(l.Steps) {
		return nil, 0, fmt.Errorf("cisim: %s: lesson %s has steps 0 to %d", name, id, len(l.Steps)-1)
	}
	return l, step, nil
}

// lessonBegin(id, step) readies the session for a step (lessons.Begin).
func (a *api) lessonBegin(args []js.Value) (any, error) {
	l, i, err := a.lesson(args, "lessonBegin")
	if err != nil {
		return nil, err
	}
	a.mc = nil
	if err := l.Begin(i, a.s); err != nil {
		return nil, err
	}
	return a.full(), nil
}

// lessonChange(id, step) makes the step's change to the design, at its week.
func (a *api) lessonChange(args []js.Value) (any, error) {
	l, i, err := a.lesson(args, "lessonChange")
	if err != nil {
		return nil, err
	}
	week, logged := a.s.Week(), a.s.Logged()
	if err := l.ApplyChange(i, a.s); err != nil {
		return nil, err
	}
	return a.s.Snapshot(week, logged), nil
}

// explain(id, step) fills the step's explanation from the run on the page
// and the Monte Carlo, if one ran.
func (a *api) explain(args []js.Value) (any, error) {
	l, i, err := a.lesson(args, "explain")
	if err != nil {
		return nil, err
	}
	var bands *classroom.Bands
	if a.mc != nil {
		b := a.mc.Bands()
		bands = &b
	}
	f := lessons.FromSession(a.s, bands)
	return l.Explain(i, &f)
}

// lessonOpen(name, text) reads a teacher's lesson file and adds it to the
// lessons (replacing one of the same name).
func (a *api) lessonOpen(args []js.Value) (any, error) {
	name, err := argString(args, 0, "lessonOpen")
	if err != nil {
		return nil, err
	}
	text, err := argString(args, 1, "lessonOpen")
	if err != nil {
		return nil, err
	}
	l, err := lessons.Parse(name, []byte(text))
	if err != nil {
		return nil, err
	}
	if k := slices.IndexFunc(a.lessons, func(m *lessons.Lesson) bool { return m.ID == l.ID }); k >= 0 {
		a.lessons[k] = l
	} else {
		a.lessons = append(a.lessons, l)
	}
	return l, nil
}
