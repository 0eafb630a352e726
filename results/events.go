package results

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cisim/cisim/agents"
)

// EventsFile holds every run's event log, one event a row, in the order of
// summary.csv's runs.
const EventsFile = "events.csv"

// EventsHeader is the first line of events.csv outside a sweep.
const EventsHeader = "scenario,replicate,tick,kind,actor,other,value,cause"

// EventsHeader is the first line of the events.csv of the folder m
// describes: a sweep's (a robust analysis's) rows also give their point.
func (m *Manifest) EventsHeader() string {
	if m.Sweep != nil {
		return EventsHeader + ",point"
	}
	return EventsHeader
}

// AppendEvents appends a run's event log as rows of events.csv; actors are
// named (NA for the partnership as a whole), and a missing cause is NA. A
// point of 0 or more (a sweep's) ends each row.
func AppendEvents(b []byte, scenario string, replicate, point int, events []agents.Event, actors []agents.Actor) []byte {
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
		if point >= 0 {
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(point), 10)
		}
		b = append(b, '\n')
	}
	return b
}

// EventRow is one row of events.csv as ReadEvents reads it: NA text is
// empty, and Point is −1 outside a sweep.
type EventRow struct {
	Scenario        string
	Replicate, Tick int
	Kind            string
	Actor, Other    string
	Value           float64
	Cause           string
	Point           int
}

// ReadEvents reads dir's events.csv row by row, in file order.
func ReadEvents(dir string, fn func(EventRow) error) error {
	f, err := os.Open(filepath.Join(dir, EventsFile))
	if err != nil {
		return fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil || !strings.HasPrefix(strings.Join(head, ","), EventsHeader) {
		return fmt.Errorf("results: %s is not this version's event log", filepath.Join(dir, EventsFile))
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("results: %s line %d: %w", EventsFile, line, err)
		}
		e := EventRow{Scenario: rec[0], Kind: rec[3], Actor: naText(rec[4]), Other: naText(rec[5]), Cause: naText(rec[7]), Point: -1}
		e.Replicate, _ = strconv.Atoi(rec[1])
		e.Tick, _ = strconv.Atoi(rec[2])
		e.Value, _ = Parse(nil, rec[6])
		if len(rec) > 8 {
			e.Point, _ = strconv.Atoi(rec[8])
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

// naText is a text field as written, NA as empty.
func naText(s string) string {
	if s == "NA" {
		return ""
	}
	return s
}
