package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// hypothesesCommand is cisim hypotheses: the designed experiments for the
// three hypotheses of the Save the Children & Accenture study — each a
// sweep of its focal lever crossed with two moderators, into its own
// folder, with a conclusion drawn from the numbers.
func hypothesesCommand(ctx context.Context, a *app, args []string) error {
	var scenario string
	sp, err := parseSweepFlags(a, "hypotheses", "cisim hypotheses [H1|H2|H3|all] [--scenario S] [flags]\n\n"+
		"H1 beneficiary engagement, H2 complementary capabilities, H3 shared values (default all): each a sweep\n"+
		"of its lever crossed with two conditions, with a conclusion drawn from the numbers.", args, 50, func(fs *pflag.FlagSet) {
		fs.StringVar(&scenario, "scenario", "refined-collective-impact", "the partnership the experiments run on (built-in name or file)")
	})
	if sp == nil || err != nil {
		return err
	}
	hs, err := chosenHypotheses(sp.names)
	if err != nil {
		return err
	}
	o := sp.o
	switch {
	case o.resume != "" && len(sp.names) > 0:
		return badUsage("cisim hypotheses: --resume takes one hypothesis's folder alone (e.g. --resume cisim-out/H2)")
	case o.resume != "":
		sp.names = nil
		m, rerr := sp.run(ctx, nil, nil)
		if m == nil || rerr != nil {
			return rerr
		}
		return printHypotheses(a.stdout, []string{o.resume}, o.json)
	case len(hs) > 1 && o.shard != "":
		return badUsage("cisim hypotheses: --shard splits one hypothesis; name it (H1, H2 or H3)")
	case o.runs < 2:
		return badUsage("cisim hypotheses: invalid --runs %d (allowed: 2 or more: the effects' intervals are over replicates)", o.runs)
	}
	sp.names = []string{scenario}
	if err = sp.load(); err != nil {
		return err
	}
	dirs, err := runHypotheses(ctx, sp, hs, scenario)
	if err != nil || len(dirs) == 0 { // none: shards
		return err
	}
	if len(dirs) > 1 {
		if err := experiments.WriteHypothesesReport(o.out, dirs); err != nil {
			return err
		}
	}
	return printHypotheses(a.stdout, dirs, o.json)
}

// chosenHypotheses are the hypotheses asked for (every one when none is
// named), each once, in their order.
func chosenHypotheses(ids []string) ([]experiments.Hypothesis, error) {
	want := map[string]bool{}
	for _, id := range ids {
		if strings.EqualFold(id, "all") {
			for _, h := range experiments.Hypotheses() {
				want[h.ID] = true
			}
			continue
		}
		h, ok := experiments.HypothesisByID(id)
		if !ok {
			return nil, badUsage("cisim hypotheses: unknown hypothesis %q (allowed: H1, H2, H3, all)", id)
		}
		want[h.ID] = true
	}
	var hs []experiments.Hypothesis
	for _, h := range experiments.Hypotheses() {
		if want[h.ID] || len(ids) == 0 {
			hs = append(hs, h)
		}
	}
	return hs, nil
}

// runHypotheses runs each hypothesis's sweep on the loaded scenario, into
// the output folder (several: into a folder each, named by its ID), and
// returns the folders finished (none for shards).
func runHypotheses(ctx context.Context, sp *sweepPlan, hs []experiments.Hypothesis, scenario string) ([]string, error) {
	var dirs []string
	for i, h := range hs {
		hp := *sp
		hp.vs = nil
		for _, r := range append([]experiments.Range{h.Focal}, h.Moderators...) {
			hp.vs = append(hp.vs, vary{spec: r.String(), Range: r})
		}
		if len(hs) > 1 {
			hp.o.out = filepath.Join(sp.o.out, h.ID)
		}
		hp.repro = []string{h.ID, "--scenario", scenario}
		m, err := hp.run(ctx, h.Sweep(), nil)
		if err != nil {
			var in interruptedError
			if errors.As(err, &in) && i+1 < len(hs) { // say what is left
				var rest []string
				for _, h := range hs[i+1:] {
					rest = append(rest, h.ID)
				}
				return nil, interruptedError{fmt.Errorf("%w; then run the rest: cisim hypotheses %s --out …", err, strings.Join(rest, " "))}
			}
			return nil, err
		}
		if m != nil {
			dirs = append(dirs, hp.o.out)
		}
	}
	return dirs, nil
}

// printHypotheses prints each finished hypothesis's conclusion.
func printHypotheses(w io.Writer, dirs []string, asJSON bool) error {
	type out struct {
		ID         string `json:"id"`
		Title      string `json:"title"`
		Statement  string `json:"statement"`
		Conclusion string `json:"conclusion"`
		Folder     string `json:"folder"`
		Reproduce  string `json:"reproduce"`
	}
	var all []out
	for _, dir := range dirs {
		m, err := results.ReadManifest(dir)
		if err != nil {
			return err
		}
		h, text, err := experiments.ReadHypothesis(dir, m)
		if err != nil {
			return err
		}
		all = append(all, out{h.ID, h.Title, h.Statement, text, dir, m.Reproduce})
	}
	if asJSON {
		return writeJSON(w, struct {
			Hypotheses any `json:"hypotheses"`
		}{all})
	}
	for i, h := range all {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s — %s: %s.\n%s\nFiles in %s; reproduce with: %s\n", h.ID, h.Title, h.Statement, h.Conclusion, h.Folder, h.Reproduce)
	}
	return nil
}
