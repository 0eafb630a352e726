package results

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/cisim/cisim/scenarios"
)

// Kind is how a column of an output file is to be read: the type pandas
// and R give it with their defaults, and the type of its Parquet column.
// A column's kind never depends on its values: a number that happens to be
// whole is still written as a number (7.0), so no reader takes the column
// for integers.
type Kind int

// Column kinds.
const (
	Text     Kind = iota // a name; NA when there is none
	Integer              // a whole number; NA when undefined
	Number               // a real number, written with a decimal point or an exponent; NA when undefined
	Boolean              // TRUE or FALSE; NA when undefined
	Category             // one of the column's levels; NA when undefined
)

var kindNames = [...]string{"text", "integer", "number", "boolean", "category"}

// String is the kind's name in docs/OUTPUTS.md.
func (k Kind) String() string { return kindNames[k] }

// FormatValue writes a number as its shortest exact decimal, with ".0"
// added to a whole number so that it reads as a number and not as an
// integer; undefined values (NaN) as NA and infinities as Inf and -Inf,
// which pandas and R read as missing and infinite by default.
func FormatValue(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NA"
	case math.IsInf(x, 1):
		return "Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// FormatInteger writes a whole number held as a float64 (NA when NaN).
func FormatInteger(x float64) string {
	if math.IsNaN(x) {
		return "NA"
	}
	return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
}

// FormatBoolean writes 1 as TRUE and 0 as FALSE (NA when NaN): the
// spelling both pandas and R's read.csv take for a boolean (R 4.2, Debian
// 12's, reads true and false as text).
func FormatBoolean(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NA"
	case x >= 0.5:
		return "TRUE"
	}
	return "FALSE"
}

// Format writes x as a field of a column of kind k; a category's value is
// the index of its level.
func Format(k Kind, levels []string, x float64) string {
	switch k {
	case Integer:
		return FormatInteger(x)
	case Boolean:
		return FormatBoolean(x)
	case Category:
		if i := int(x); !math.IsNaN(x) && i >= 0 && i < len(levels) {
			return levels[i]
		}
		return "NA"
	}
	return FormatValue(x)
}

// Parse reads a field Format wrote: NA as NaN, TRUE and FALSE (or true
// and false) as 1 and 0,
// a level of levels as its index, and any other field as a number.
func Parse(levels []string, field string) (float64, error) {
	switch field {
	case "NA":
		return math.NaN(), nil
	case "TRUE", "true":
		return 1, nil
	case "FALSE", "false":
		return 0, nil
	}
	if i := slices.Index(levels, field); i >= 0 {
		return float64(i), nil
	}
	x, err := strconv.ParseFloat(field, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", field)
	}
	return x, nil
}

// LeverKind is the kind of a lever's column (points.csv, a sweep's
// summary.csv): a switch or a condition of collective impact (off or on)
// is a boolean, a whole-number field an integer, anything else a number.
func LeverKind(key string) Kind {
	k, err := scenarios.Lever(key)
	switch {
	case slices.Contains(scenarios.ConditionNames(), key):
		return Boolean
	case err != nil:
		return Number
	case k == scenarios.Boolean:
		return Boolean
	case k == scenarios.Whole:
		return Integer
	}
	return Number
}

// LeverKinds are the kinds of the levers' columns, in order.
func LeverKinds(keys []string) []Kind {
	out := make([]Kind, len(keys))
	for i, k := range keys {
		out[i] = LeverKind(k)
	}
	return out
}

// textField is a text column's field: quoted where needed, NA when empty.
func textField(s string) string {
	if s == "" {
		return "NA"
	}
	return csvField(s)
}
