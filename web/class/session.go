package class

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// sessionFile is DIR/class.json: what the server must keep, beyond the
// game's record, for a restarted server to be the same class.
type sessionFile struct {
	Code  string  `json:"code"`
	Key   string  `json:"key"`
	Seats []*seat `json:"seats"`
	// The open round's time limit and the time it had left at the last
	// checkpoint, in seconds (0: no limit).
	LimitSeconds float64 `json:"limit_seconds,omitempty"`
	LeftSeconds  float64 `json:"left_seconds,omitempty"`
}

// SessionFile is the name of the server's own checkpoint in DIR.
const SessionFile = "class.json"

// restore takes the code, key, seats and timer from DIR/class.json, if
// there is one, and checks each of them: the file is the teacher's, but a
// damaged one must not put a role in two hands.
func (s *Server) restore() error {
	if s.o.Dir == "" {
		return nil
	}
	path := filepath.Join(s.o.Dir, SessionFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("class: %v", err)
	}
	var f sessionFile
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("class: %s: %v", path, err)
	}
	if err := s.checkSession(&f); err != nil {
		return fmt.Errorf("class: %s: %v", path, err)
	}
	s.code, s.key, s.resumed = f.Code, f.Key, true
	for _, st := range f.Seats {
		s.seats[st.Token] = st
		s.holder[st.Role] = st
	}
	if _, status := s.g.State(); status == "open" && f.LimitSeconds > 0 {
		// The time a round had when the server stopped is given back, paused:
		// the teacher resumes it when the class is there again.
		s.timer = roundTimer{limit: secs(f.LimitSeconds), left: secs(f.LeftSeconds), paused: true}
	}
	return nil
}

func secs(x float64) time.Duration { return time.Duration(x * float64(time.Second)) }

// checkSession checks a class.json before any of it is used.
func (s *Server) checkSession(f *sessionFile) error {
	if len(f.Code) != CodeLength || strings.Trim(f.Code, codeAlphabet) != "" {
		return fmt.Errorf("code %q: want %d characters of %s", f.Code, CodeLength, codeAlphabet)
	}
	if !isSecret(f.Key) {
		return errors.New("key: want 32 hex digits")
	}
	roles := map[string]bool{}
	for _, r := range s.g.Roles() {
		roles[r.ID] = true
	}
	tokens, held := map[string]bool{}, map[string]bool{}
	for i, st := range f.Seats {
		switch {
		case st == nil || !isSecret(st.Token):
			return fmt.Errorf("seats[%d]: token: want 32 hex digits", i)
		case tokens[st.Token]:
			return fmt.Errorf("seats[%d]: token listed twice", i)
		case !roles[st.Role]:
			return fmt.Errorf("seats[%d]: role %q: not a role of this game", i, st.Role)
		case held[st.Role]:
			return fmt.Errorf("seats[%d]: role %q held twice", i, st.Role)
		}
		tokens[st.Token], held[st.Role] = true, true
		st.Name = cleanName(st.Name)
	}
	if f.LimitSeconds < 0 || f.LeftSeconds < 0 || f.LeftSeconds > f.LimitSeconds {
		return errors.New("limit_seconds, left_seconds: want 0 ≤ left ≤ limit")
	}
	return nil
}

func isSecret(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == 16 && s == strings.ToLower(s)
}

// What a checkpoint writes: the record after every decision, and the CSV
// and the session (seats, timer) when they change, at a round's end or a
// seat's change; writing all three for each of thirty decisions a minute
// would be fsyncs for nothing.
const (
	saveRecord = 1 << iota
	saveCSV
	saveSession
	saveAll = saveRecord | saveCSV | saveSession
)

// checkpoint writes what says to DIR, each file replaced atomically, so
// that a crash at any moment leaves the last complete checkpoint.
func (s *Server) checkpoint(what int) error {
	if s.o.Dir == "" {
		return nil
	}
	if what&saveRecord != 0 {
		if err := s.g.WriteRecord(filepath.Join(s.o.Dir, RecordFile)); err != nil {
			return err
		}
	}
	if what&saveCSV != 0 {
		var buf bytes.Buffer
		if err := s.g.WriteCSV(&buf); err != nil {
			return err
		}
		if err := WriteFileAtomic(filepath.Join(s.o.Dir, CSVFile), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if what&saveSession != 0 {
		return s.saveSession()
	}
	return nil
}

// Names of the files in DIR.
const (
	RecordFile = "record.json"
	CSVFile    = "decisions.csv"
)

// saveSession writes DIR/class.json, readable by the teacher only: it
// holds the key and the tokens.
func (s *Server) saveSession() error {
	f := sessionFile{Code: s.code, Key: s.key}
	for _, st := range s.seats {
		if st.Role != "" { // a seat without a role is nothing to come back to
			f.Seats = append(f.Seats, st)
		}
	}
	sort.Slice(f.Seats, func(i, j int) bool { return f.Seats[i].Role < f.Seats[j].Role })
	f.LimitSeconds, f.LeftSeconds = s.timer.limit.Seconds(), s.timer.remaining(time.Now()).Seconds()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(s.o.Dir, SessionFile), append(b, '\n'), 0o600)
}

// WriteFileAtomic writes b to path through a temporary file in the same
// folder, synced and renamed over path: a reader sees the old file or the
// new one, never a part.
func WriteFileAtomic(path string, b []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing there
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
