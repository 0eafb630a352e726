package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	flag "github.com/spf13/pflag"

	"github.com/cisim/cisim/results"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stderr)) }

func run(args []string, stdin io.Reader, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchplot", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.StringP("out", "o", ".", "the folder the figures are written to")
	fitFlag := fs.StringSlice("fit", nil, "key=degree: draw a polynomial cost model of that degree fitted to the family along key (beneficiaries=1,actors=2)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fits, err := parseFits(*fitFlag)
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 2
	}
	reps, err := readAll(fs.Args(), stdin)
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 2
	}
	files, err := draw(reps, *out, fits, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintln(stderr, "benchplot: wrote", filepath.Join(*out, filepath.Base(f)))
	}
	return 0
}

// readAll parses each file named (standard input if none, or "-").
func readAll(names []string, stdin io.Reader) ([]*report, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	var reps []*report
	for _, name := range names {
		r, shown := stdin, "standard input"
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}
			defer f.Close()
			r, shown = f, name
		}
		rep, err := parse(r, shown)
		if err != nil {
			return nil, err
		}
		reps = append(reps, rep)
	}
	return reps, nil
}

// draw renders every family of every report into dir, with the cost
// models fits asks for by key, each written to log as it is fitted.
func draw(reps []*report, dir string, fits map[string]int, log io.Writer) ([]string, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	r := results.NewRenderer(dir)
	n := 0
	for _, rep := range reps {
		for _, f := range rep.families {
			figs, err := figures(f)
			if err != nil {
				return nil, err
			}
			for _, want := range figs {
				deg, ok := fits[f.key]
				if !ok {
					deg = -1
				}
				fig, model, err := figure(f, want.unit, rep.cpu, deg)
				if err != nil {
					return nil, err
				}
				if model != "" {
					fmt.Fprintf(log, "benchplot: %s: %s (%s)\n", want.name, model, f.key[:1]+": "+f.key)
				}
				r.Start(fig, want.name)
				n++
			}
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("no benchmark with key=number sub-benchmarks to draw")
	}
	return r.Wait()
}

// A wanted figure is one unit of a family, in the file name.
type wanted struct{ unit, name string }

// figures are the figures family f gets: its time and, if it reports
// one, its memory.
func figures(f *family) ([]wanted, error) {
	unit := f.metric(timeUnits)
	if unit == "" {
		return nil, fmt.Errorf("%s: no point reports all of one of %s", f.name, strings.Join(timeUnits, ", "))
	}
	figs := []wanted{{unit, fileName(f.name)}}
	if mem := f.metric(memoryUnits); mem != "" {
		figs = append(figs, wanted{mem, fileName(f.name) + "_memory"})
	}
	return figs, nil
}

var upper = regexp.MustCompile(`[A-Z]`)

// fileName is BenchmarkScaleBeneficiaries as scale_beneficiaries.
func fileName(bench string) string {
	s := upper.ReplaceAllStringFunc(strings.TrimPrefix(bench, "Benchmark"), func(c string) string { return "_" + strings.ToLower(c) })
	return strings.TrimPrefix(s, "_")
}
