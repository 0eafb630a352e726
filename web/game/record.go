package game

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cisim/cisim/results"
)

// RecordFormat names the session record's format and its version.
const RecordFormat = "cisim-class-record/1"

// maxRecordBytes bounds a record file: 520 rounds of ten roles' decisions
// are well under it.
const maxRecordBytes = 32 << 20

// Record is a whole game: its configuration and every round's decisions,
// which replay to the same numbers; the numbers at each round's end are
// kept so that a replay can check it came out the same.
type Record struct {
	Format string        `json:"format"`
	Config Config        `json:"config"`
	Status string        `json:"status"`
	Rounds []RoundRecord `json:"rounds"`
}

// RoundRecord is one round: the decisions sent in it, each role's merged,
// and, once it was played, both partnerships' numbers at its end.
type RoundRecord struct {
	Round     int                 `json:"round"`
	Decisions map[string]Decision `json:"decisions"`
	Grant     *int                `json:"grant,omitempty"` // the engagement rung the class granted
	End       *Numbers            `json:"end,omitempty"`
	Alone     *Numbers            `json:"alone,omitempty"`
}

// Record is the game so far.
func (g *Game) Record() Record {
	r := Record{Format: RecordFormat, Config: g.cfg, Status: g.status, Rounds: []RoundRecord{}}
	for k, lg := range g.rounds {
		rr := RoundRecord{Round: k + 1, Decisions: cloneDecisions(lg.sent), Grant: lg.grant}
		if lg.rule != nil {
			end, alone := lg.end, lg.alone
			rr.End, rr.Alone = &end, &alone
		}
		r.Rounds = append(r.Rounds, rr)
	}
	return r
}

// Replay plays a record again: the same configuration, the same decisions
// round by round. It fails if a round's numbers come out other than the
// record says (a record of another version of the model).
func Replay(r Record) (*Game, error) {
	return replay(r, "")
}

// replay is Replay with one role's decisions left out (played by the
// rules), for the debrief's effects; without is "" for none.
func replay(r Record, without string) (*Game, error) {
	if r.Format != RecordFormat {
		return nil, fmt.Errorf("game: record format %q: want %q", r.Format, RecordFormat)
	}
	g, err := New(r.Config)
	if err != nil {
		return nil, err
	}
	for k, rr := range r.Rounds {
		if err := g.Open(); err != nil {
			return nil, fmt.Errorf("game: record round %d: %v", k+1, err)
		}
		for _, id := range sortedKeys(rr.Decisions) {
			if id == without {
				continue
			}
			if err := g.Decide(id, rr.Decisions[id]); err != nil {
				return nil, fmt.Errorf("game: record round %d: %v", k+1, err)
			}
		}
		if rr.Grant != nil {
			if err := g.Grant(*rr.Grant); err != nil {
				return nil, fmt.Errorf("game: record round %d: %v", k+1, err)
			}
		}
		if k == len(r.Rounds)-1 && r.Status == Open {
			break
		}
		if err := g.Close(); err != nil {
			return nil, fmt.Errorf("game: record round %d: %v", k+1, err)
		}
		if without == "" && rr.End != nil && *rr.End != g.rounds[k].end {
			return nil, fmt.Errorf("game: record round %d: the replay ends at %+v, the record at %+v (a record from another version of cisim?)", k+1, g.rounds[k].end, *rr.End)
		}
	}
	return g, nil
}

// WriteRecord writes the game's record to path atomically: a reader (or a
// restart after a crash) sees the record before or after, never half.
func (g *Game) WriteRecord(path string) error { return WriteRecord(path, g.Record()) }

// WriteRecord writes r to path atomically, as indented JSON.
func WriteRecord(path string, r Record) error {
	b, err := json.MarshalIndent(r, "", " ")
	if err != nil {
		return fmt.Errorf("game: %v", err)
	}
	return results.WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// ReadRecord reads a record file; an error names the file and, for bad
// JSON, its line and column.
func ReadRecord(path string) (Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return Record{}, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxRecordBytes+1))
	if err != nil {
		return Record{}, fmt.Errorf("%s: %v", path, err)
	}
	if len(src) > maxRecordBytes {
		return Record{}, fmt.Errorf("%s: larger than %d MiB: not a session record", path, maxRecordBytes>>20)
	}
	r, err := parseRecord(src)
	if err != nil {
		return Record{}, fmt.Errorf("%s:%v", path, err)
	}
	return r, nil
}

// parseRecord decodes a record; an error starts with line:column.
func parseRecord(src []byte) (Record, error) {
	var r Record
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	err := dec.Decode(&r)
	if err == nil {
		if _, err = dec.Token(); errors.Is(err, io.EOF) {
			err = nil
		} else {
			err = errors.New("more after the record's object")
		}
	}
	if err == nil && r.Format != RecordFormat {
		err = fmt.Errorf("format %q: want %q (is this a session record?)", r.Format, RecordFormat)
	}
	if err != nil {
		line, col := lineCol(src, dec.InputOffset())
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col = lineCol(src, se.Offset-1) // Offset is past the bad byte
		case errors.As(err, &te):
			line, col = lineCol(src, te.Offset)
		}
		return Record{}, fmt.Errorf("%d:%d: %s", line, col, jsonProblem(err))
	}
	return r, nil
}

// lineCol is the 1-based line and column of byte offset off.
func lineCol(src []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(src)))
	before := src[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	return line, int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
}
