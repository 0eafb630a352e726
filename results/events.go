package results

import (
	"strconv"

	"github.com/cisim/cisim/agents"
)

// EventsFile holds every run's event log, one event a row, in the order of
// summary.csv's runs.
const EventsFile = "events.csv"

// EventsHeader is the first line of events.csv.
const EventsHeader = "scenario,replicate,tick,kind,actor,other,value,cause"

// AppendEvents appends a run's event log as rows of events.csv; actors are
// named (NA for the partnership as a whole), and a missing cause is NA.
func AppendEvents(b []byte, scenario string, replicate int, events []agents.Event, actors []agents.Actor) []byte {
	name := func(i int) string {
		if i < 0 || i >= len(actors) {
			return "NA"
		}
		return csvField(actors[i].Name)
	}
	sc := csvField(scenario)
	for _, e := range events {
		b = append(b, sc...)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(replicate), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(e.Tick), 10)
		b = append(b, ',')
		b = append(b, e.Kind.String()...)
		b = append(b, ',')
		b = append(b, name(e.Actor)...)
		b = append(b, ',')
		b = append(b, name(e.Other)...)
		b = append(b, ',')
		b = append(b, FormatValue(e.Value)...)
		b = append(b, ',')
		b = append(b, textField(e.Cause)...)
		b = append(b, '\n')
	}
	return b
}
