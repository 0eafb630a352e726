//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"syscall/js"

	"github.com/cisim/cisim/scenarios"
	"github.com/cisim/cisim/web/classroom"
)

// api holds the session the page drives and its Monte Carlo, if any.
type api struct {
	s  *classroom.Session
	mc *classroom.MonteCarlo
}

type scenario struct {
	Name    string `json:"name"`
	Purpose string `json:"purpose"`
}

// catalog is what the page needs to build its controls.
type catalog struct {
	Scenarios []scenario        `json:"scenarios"`
	Levers    []classroom.Lever `json:"levers"`
	Charted   []string          `json:"charted"`
	Defaults  [2]string         `json:"defaults"`
	Values    map[string]any    `json:"values"` // lever values of every built-in, by name
	Limits    map[string]int    `json:"limits"`
	Quantiles []float64         `json:"quantiles"`
}

func main() {
	a := &api{s: classroom.New()}
	funcs := map[string]func(args []js.Value) (any, error){
		"catalog":   a.catalog,
		"configure": a.configure,
		"seed":      a.seed,
		"reset":     func([]js.Value) (any, error) { a.s.Reset(); return a.s.Snapshot(0), nil },
		"snapshot":  func([]js.Value) (any, error) { return a.s.Snapshot(0), nil },
		"step":      a.step,
		"csv":       func([]js.Value) (any, error) { return a.s.CSV(), nil },
		"mcStart":   a.mcStart,
		"mcStep":    a.mcStep,
		"mcBands":   a.mcBands,
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
	for _, e := range scenarios.List() {
		c.Scenarios = append(c.Scenarios, scenario{e.Name, e.Purpose})
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
	return a.s.Snapshot(0), nil
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
	return a.s.Snapshot(0), nil
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
	from := a.s.Week()
	a.s.Step(n)
	return a.s.Snapshot(from), nil
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
