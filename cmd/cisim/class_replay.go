package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/web/class"
	"github.com/cisim/cisim/web/game"
)

const replayUsage = `Usage: cisim replay RECORD [--csv FILE]

Replays the session record of a participatory classroom (record.json in
the folder that cisim serve --class --record saved the game in; the folder
itself will do) to the same numbers, and prints the final ones: the
partnership as the class played it and the same design played by the
model alone, as the teacher's last screen shows them.

Flags:
`

// replayCommand is cisim replay RECORD.
func replayCommand(_ context.Context, a *app, args []string) error {
	fs := pflag.NewFlagSet("replay", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	csv := fs.String("csv", "", "also write the tidy CSV of decisions and outcomes to this file")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim replay: %v", err)
	}
	if *help {
		fmt.Fprint(a.stdout, replayUsage+fs.FlagUsages())
		return nil
	}
	if fs.NArg() != 1 {
		return badUsage("cisim replay: want one record, e.g. cisim replay cisim-class/record.json")
	}
	if fs.Changed("csv") && *csv == "" {
		return badUsage("cisim replay: --csv needs a file")
	}
	path := fs.Arg(0)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, class.RecordFile)
	}
	rec, err := game.ReadRecord(path)
	if err != nil {
		return badUsage("cisim replay: %s", withPath(path, err))
	}
	g, err := game.Replay(rec)
	if err != nil {
		return badUsage("cisim replay: %s does not replay: %v", path, err)
	}
	if *csv != "" {
		var buf bytes.Buffer
		if err := g.WriteCSV(&buf); err != nil {
			return fmt.Errorf("cisim replay: %v", err)
		}
		if err := class.WriteFileAtomic(*csv, buf.Bytes(), 0o644); err != nil {
			return badUsage("cisim replay: --csv: %v", err)
		}
	}
	v := g.TeacherView()
	fmt.Fprintf(a.stdout, "cisim replay: %s: round %d of %d, %s\n", path, v.Round, v.Rounds, v.Status)
	return writeFinal(a.stdout, v)
}

// withPath is err's text, with the file's path in front unless it says
// it already.
func withPath(path string, err error) string {
	if strings.Contains(err.Error(), path) {
		return err.Error()
	}
	return path + ": " + err.Error()
}

// numberOrder is the order the final numbers are printed in; any other
// number of the teacher's view follows, by name.
var numberOrder = []string{"week", "outcomes", "participant_rate", "in_need", "mean_trust", "members", "cost", "alignment"}

// finalNumbers are the numbers of the teacher's view now, played and
// model-alone, by name: read from the view's JSON, as the teacher's page
// reads it, so that the two cannot differ.
func finalNumbers(view any) (names []string, played, alone map[string]float64, err error) {
	b, err := json.Marshal(view)
	if err != nil {
		return nil, nil, nil, err
	}
	var v struct {
		Now   map[string]float64 `json:"now"`
		Alone map[string]float64 `json:"alone_now"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, nil, nil, err
	}
	for k := range v.Now {
		names = append(names, k)
	}
	rank := func(k string) int {
		if i := slices.Index(numberOrder, k); i >= 0 {
			return i
		}
		return len(numberOrder)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := rank(names[i]), rank(names[j])
		return a < b || a == b && names[i] < names[j]
	})
	return names, v.Now, v.Alone, nil
}

// writeFinal prints the final numbers as a table: series, played, model
// alone.
func writeFinal(w io.Writer, view any) error {
	names, played, alone, err := finalNumbers(view)
	if err != nil {
		return fmt.Errorf("cisim replay: %v", err)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tplayed\tmodel alone")
	for _, k := range names {
		a := "-"
		if x, ok := alone[k]; ok {
			a = number(x)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", strings.ReplaceAll(k, "_", " "), number(played[k]), a)
	}
	return tw.Flush()
}

// number is how the final numbers are printed: six significant digits,
// and large ones (kronor) whole.
func number(x float64) string {
	if math.Abs(x) >= 1e6 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}
