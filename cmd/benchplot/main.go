package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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
	rep, err := readAll(fs.Args(), stdin)
	if err == nil && len(rep.families) == 0 {
		err = fmt.Errorf("no benchmark with two or more key=number sub-benchmarks to draw")
	}
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 2
	}
	files, err := draw(rep, *out, fits, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "benchplot:", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintln(stderr, "benchplot: wrote", filepath.Join(*out, filepath.Base(f)))
	}
	return 0
}

// readAll parses each file named (standard input if none, or "-") into
// one report: a benchmark met in several files is one family, its runs
// from all of them (so no figure is drawn twice); a family of one point
// is left out.
func readAll(names []string, stdin io.Reader) (*report, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	all := &report{}
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
		if err := all.merge(rep); err != nil {
			return nil, fmt.Errorf("%s: %v", shown, err)
		}
	}
	all.families = slices.DeleteFunc(all.families, func(f *family) bool { return len(f.points) < 2 }) // no line to draw
	return all, nil
}

// draw renders every family of rep into dir, with the cost models fits
// asks for by key, each written to log as it is fitted. On an error it
// still waits for the figures under way, so none is left half-written.
func draw(rep *report, dir string, fits map[string]int, log io.Writer) ([]string, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	r := results.NewRenderer(dir)
	err := start(r, rep, fits, log)
	files, werr := r.Wait()
	if err == nil {
		err = werr
	}
	return files, err
}

// start starts rendering each figure of each family of rep.
func start(r *results.Renderer, rep *report, fits map[string]int, log io.Writer) error {
	for _, f := range rep.families {
		figs, err := figures(f)
		if err != nil {
			return err
		}
		deg, ok := fits[f.key]
		if !ok {
			deg = -1
		}
		for _, want := range figs {
			fig, model, err := figure(f, want.unit, rep.cpu, deg)
			if err != nil {
				return err
			}
			if model != "" {
				fmt.Fprintf(log, "benchplot: %s: %s (%s: %s)\n", want.name, model, f.key[:1], f.key)
			}
			r.Start(fig, want.name)
		}
	}
	return nil
}

// A wanted figure is one unit of a family, in the file name.
type wanted struct{ unit, name string }

// figures are the figures family f gets: its time and, if it reports
// one, its memory.
func figures(f *family) ([]wanted, error) {
	unit := f.metric(timeUnits)
	if unit == "" {
		return nil, fmt.Errorf("%s: not every point reports one of %s", f.name, strings.Join(timeUnits, ", "))
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
