package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/agents"
	"github.com/cisim/cisim/experiments"
	"github.com/cisim/cisim/results"
)

// explainCommand is cisim explain: the difference between two designs
// attributed to the model's channels, by switching them off in both designs
// on the same replicates — one at a time and by Shapley values.
func explainCommand(ctx context.Context, a *app, args []string) error {
	var metric, channels string
	var orders int
	sp, err := parseSweepFlags(a, "explain", "cisim explain [A B] [--channels a,b,…] [--orders N] [--metric M] [flags]\n\n"+
		"Which of the model's channels carry the difference B − A (default isolated, collective-impact):\n"+
		"each channel switched off alone, and Shapley values over coalitions of channels, both designs\n"+
		"on the same replicates. Channels: "+strings.Join(agents.ChannelNames(), ", ")+".", args, 100, func(fs *pflag.FlagSet) {
		fs.StringVar(&metric, "metric", "outcome_rate", "the metric whose difference is explained: "+strings.Join(results.Metrics(), ", "))
		fs.StringVar(&channels, "channels", "", "the channels to attribute to, comma-separated (default: all)")
		fs.IntVar(&orders, "orders", 4, "orderings of the channels that estimate the Shapley values (0: exact, every coalition; at most 12 channels)")
	})
	if sp == nil || err != nil {
		return err
	}
	var sw *results.Sweep
	if sp.o.resume == "" {
		if sw, err = explainSweep(sp, metric, channels, orders); err != nil {
			return err
		}
		if err = sp.load(); err != nil {
			return err
		}
	}
	repro := []string{"--metric", metric, "--orders", fmt.Sprint(orders)}
	if channels != "" {
		repro = append(repro, "--channels", channels)
	}
	m, err := sp.run(ctx, sw, repro)
	if m == nil || err != nil {
		return err
	}
	return printFinished(a.stdout, sp.o.out, m, sp.o.json)
}

// explainSweep checks explain's options and designs its sweep.
func explainSweep(sp *sweepPlan, metric, channels string, orders int) (*results.Sweep, error) {
	switch {
	case sp.o.runs < 2:
		return nil, badUsage("cisim explain: invalid --runs %d (allowed: 2 or more: the intervals are over replicates)", sp.o.runs)
	case len(sp.names) != 0 && len(sp.names) != 2:
		return nil, badUsage("cisim explain: want two designs, A and B (default isolated and collective-impact)")
	case !slices.Contains(results.Metrics(), metric):
		return nil, badUsage("cisim explain: unknown --metric %q (allowed: %s)", metric, strings.Join(results.Metrics(), ", "))
	case orders < 0:
		return nil, badUsage("cisim explain: invalid --orders %d (allowed: 0 for exact Shapley values, or more)", orders)
	case sp.fs.Changed("channels") && strings.TrimSpace(channels) == "":
		return nil, badUsage("cisim explain: --channels is empty; give channels (%s), or leave it out for all", strings.Join(agents.ChannelNames(), ", "))
	}
	if len(sp.names) == 0 {
		sp.names = []string{"isolated", "collective-impact"}
	}
	list := agents.ChannelNames()
	if channels != "" {
		list = strings.Split(channels, ",")
	}
	if orders == 0 && len(list) > 12 {
		return nil, badUsage("cisim explain: --orders 0 (exact Shapley values) takes at most 12 channels, not %d: give --channels, or --orders N to sample orderings", len(list))
	}
	sw, err := experiments.ExplainSweep(list, orders, sp.o.seed, metric)
	if err != nil {
		return nil, badUsage("cisim explain: %v", strings.TrimPrefix(err.Error(), "experiments: "))
	}
	return sw, nil
}

// printContributions prints what carries the difference: the total, the
// residual, and each channel's Shapley value and one-off effect, in the
// unit of a difference of the metric (pp for a share).
func printContributions(w io.Writer, dir string, m *results.Manifest, asJSON bool) error {
	cs, err := experiments.ReadContributions(dir)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, struct {
			Out           string                     `json:"out"`
			Metric        string                     `json:"metric"`
			A             string                     `json:"a"`
			B             string                     `json:"b"`
			Contributions []experiments.Contribution `json:"contributions"`
		}{dir, m.Sweep.Metric, m.Scenarios[0].Name, m.Scenarios[1].Name, cs})
	}
	byChannel := map[string]map[string]experiments.Contribution{}
	var order []string
	for _, c := range cs {
		if byChannel[c.Channel] == nil {
			byChannel[c.Channel] = map[string]experiments.Contribution{}
			order = append(order, c.Channel)
		}
		byChannel[c.Channel][c.Method] = c
	}
	metric := m.Sweep.Metric
	ci := func(c experiments.Contribution) string { return contributionCI(metric, c) }
	tw := newTable(w)
	fmt.Fprintf(tw, "%s: %s − %s%s\tShapley [95%% CI]\tone off [95%% CI]\n", metric, m.Scenarios[1].Name, m.Scenarios[0].Name,
		results.UnitSuffix(metric, true))
	fmt.Fprintf(tw, "total (every channel on)\t%s\t\n", ci(byChannel[""]["total"]))
	fmt.Fprintf(tw, "residual (%s off)\t%s\t\n", experiments.ChannelsOff(m), ci(byChannel[""]["residual"]))
	for _, ch := range order {
		if ch != "" {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", ch, ci(byChannel[ch]["shapley"]), ci(byChannel[ch]["one_off"]))
		}
	}
	if err = tw.Flush(); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "\n%s\n", experiments.ExplainText(m, cs))
	return err
}

// contributionCI prints a part of the difference of metric with its
// interval, in the metric's display unit.
func contributionCI(metric string, c experiments.Contribution) string {
	in := func(x results.Num) string { return results.FormatIn(metric, float64(x)) }
	return fmt.Sprintf("%s [%s, %s]", in(c.Mean), in(c.Lo), in(c.Hi))
}
