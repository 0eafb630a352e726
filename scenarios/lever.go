package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/cisim/cisim/sim"
)

// LeverKind is what a numeric lever holds: a sweep turns a number into the
// field's own kind.
type LeverKind int

// Lever kinds.
const (
	Real    LeverKind = iota // any number in the field's range
	Whole                    // a whole number (a rung, weeks, a count)
	Boolean                  // 0 = false, 1 = true
)

// Lever returns the kind of the numeric scenario field at a dotted key,
// or an error naming the key when there is no such field or it is not a
// number or a switch (names, sectors).
func Lever(key string) (LeverKind, error) {
	if strings.TrimSpace(key) == "" {
		return 0, fmt.Errorf("empty lever key")
	}
	t, err := typeAt(reflect.TypeOf(File{}), key)
	if err != nil {
		return 0, fmt.Errorf("unknown lever %q: %v (levers: %s)", key, err, strings.Join(LeverKeys(), ", "))
	}
	switch t.Kind() {
	case reflect.Float64, reflect.Float32:
		return Real, nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		return Whole, nil
	case reflect.Bool:
		return Boolean, nil
	}
	return 0, fmt.Errorf("%s is not a number or a switch, so it cannot be varied", key)
}

// LeverKeys are the levers every scenario exposes (docs/SCENARIOS.md §2); any other
// numeric field can be varied too, by its dotted key.
func LeverKeys() []string {
	return []string{
		"governance.common_agenda", "governance.shared_measurement", "governance.backbone_staff",
		"governance.meeting_interval_weeks", "governance.beneficiary_engagement", "governance.power_sharing",
		"governance.steering_style", "funding.pooled", "funding.horizon_years", "problem.complementarity",
		"beneficiaries.count", "actors.value_spread", "actors.capability_overlap",
	}
}

// LeverValue writes a number as a value of a lever of the given kind:
// whole numbers rounded, switches true from ½ up.
func LeverValue(kind LeverKind, x float64) string {
	switch kind {
	case Whole:
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case Boolean:
		return strconv.FormatBool(x >= 0.5)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// With returns the scenario with further key=value settings applied to a
// copy of its resolved file, validated like Load's overrides. It is safe
// to call from several goroutines at once.
func (l *Loaded) With(sets []string) (sim.Scenario, error) {
	f := l.File.clone()
	for _, s := range sets {
		key, value, _ := strings.Cut(s, "=")
		if err := Set(&f, key, value); err != nil {
			return sim.Scenario{}, err
		}
	}
	if l.point {
		f.PointValues()
	}
	sc, err := f.scenario()
	if err == nil {
		err = sc.Validate()
	}
	return sc, err
}

// AtPointValues returns the scenario with every distribution dropped:
// each uncertain number at its point value, also after With's settings.
func (l *Loaded) AtPointValues() (*Loaded, error) {
	c := *l
	c.File = l.File.clone()
	c.File.PointValues()
	c.point = true
	sc, err := c.File.scenario()
	if err == nil {
		err = sc.Validate()
	}
	if err != nil {
		return nil, err
	}
	c.Scenario = sc
	return &c, nil
}
