package classroom

import (
	"strconv"
	"strings"

	"github.com/cisim/cisim/sim"
)

// CSV returns the current run of both sides, every per-tick metric up to
// the week reached, as tidy CSV: one row per side, tick and metric. Ticks
// count from 0 as in timeseries.csv (tick t is the state after week t+1);
// settings are the --set arguments of the side, separated by spaces.
func (s *Session) CSV() string {
	var b strings.Builder
	b.WriteString("side,scenario,settings,seed,replicate,tick,metric,value\n")
	names := sim.MetricNames()
	for i, sd := range s.sides {
		prefix := [2]string{"left", "right"}[i] + "," + sd.name + "," + strings.Join(sd.sets, " ") + "," +
			strconv.FormatUint(s.seed, 10) + ",0,"
		for t := 0; t < sd.eng.Tick(); t++ {
			for m, name := range names {
				b.WriteString(prefix)
				b.WriteString(strconv.Itoa(t))
				b.WriteByte(',')
				b.WriteString(name)
				b.WriteByte(',')
				b.WriteString(strconv.FormatFloat(sd.eng.Value(t, sim.Metric(m)), 'g', -1, 64))
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}
