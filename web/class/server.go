package class

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Bounds on what connections may do; see the package comment.
const (
	MaxMessage      = 4 << 10 // bytes of one message
	maxTeachers     = 4       // the laptop, the projector, a colleague's tablet
	maxName         = 40      // characters of a student's name
	teacherRate     = 100     // messages a second from a teacher's page
	defaultStudents = 100
)

// Options configure a Server.
type Options struct {
	Game        Game
	Dir         string    // the checkpoint folder; "" keeps nothing (tests)
	MaxStudents int       // students connected at once; 0: 100
	Log         io.Writer // refused messages, one line each; nil: discarded
	Base        string    // http://host:port as the students reach it, for the teacher's screen

	// For tests; zero values are the bounds of the package comment.
	HelloTimeout time.Duration // 10 s
	Rate         float64       // messages a second per connection: 10
	Burst        int           // 10
	FloodClose   int           // dropped messages in a row that close a connection: 50
	Code, Key    string        // join code and teacher key: fresh (or the checkpoint's)
}

// Server is one class's game on the network: an http.Handler for the
// /class/ routes.
type Server struct {
	o       Options
	assets  map[string]asset
	resumed bool

	mu        sync.Mutex // guards everything below, and every call into the game
	g         Game
	code      string
	key       string
	seats     map[string]*seat // token → seat
	holder    map[string]*seat // role → its seat
	conns     map[*conn]bool
	students  int // connections that said hello as students
	teachers  int
	upgrading int // sockets admitted and not yet joined
	timer     roundTimer
	debrief   []byte // the debrief message, made once the game is over
	stopped   bool
}

// seat is one student: the token its device keeps, the name it gave and
// the role it holds ("" for none), and its live connection if any.
type seat struct {
	Token string `json:"token"`
	Name  string `json:"name,omitempty"`
	Role  string `json:"role,omitempty"`
	conn  *conn
}

// New returns the server for o.Game. With a checkpoint in o.Dir
// (class.json) it takes the join code, key, seats and timer from it, so a
// restarted server is the same class to the students' pages.
func New(o Options) (*Server, error) {
	if o.Game == nil {
		return nil, errors.New("class: no game")
	}
	if o.MaxStudents <= 0 {
		o.MaxStudents = defaultStudents
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	assets, err := embeddedAssets()
	if err != nil {
		return nil, err
	}
	s := &Server{o: o, assets: assets, g: o.Game, seats: map[string]*seat{},
		holder: map[string]*seat{}, conns: map[*conn]bool{}}
	if err := s.restore(); err != nil {
		return nil, err
	}
	if s.code == "" {
		s.code = or(o.Code, NewCode())
	}
	if s.key == "" {
		s.key = or(o.Key, newSecret())
	}
	if _, status := s.g.State(); status == "over" { // a finished game resumed
		s.debrief = encode(envelope{T: "debrief", V: s.g.Debrief()})
	}
	if err := s.checkpoint(saveAll); err != nil {
		return nil, err
	}
	return s, nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Code is the join code the students type.
func (s *Server) Code() string { return s.code }

// Key is the teacher's key; it goes in the teacher page's address, never
// to a student.
func (s *Server) Key() string { return s.key }

// JoinURL is the address the students open: the student page with the
// code in it ("" without Options.Base).
func (s *Server) JoinURL() string {
	if s.o.Base == "" {
		return ""
	}
	return s.o.Base + "/class/?code=" + s.code
}

// TeacherURL is the teacher page's address with the key in its fragment
// (a fragment is not sent to servers or proxies, nor kept in their logs).
func (s *Server) TeacherURL(base string) string {
	return base + "/class/teacher#key=" + s.key
}

// Resumed reports whether New found a checkpoint of this class in o.Dir.
func (s *Server) Resumed() bool { return s.resumed }

// ServeHTTP serves the /class/ routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setHeaders(w.Header())
	switch p := r.URL.Path; {
	case p == "/class/" || p == "/class":
		s.serveAsset(w, r, "student.html", true)
	case p == "/class/teacher":
		s.serveAsset(w, r, "teacher.html", false)
	case strings.HasPrefix(p, "/class/static/"):
		s.serveAsset(w, r, strings.TrimPrefix(p, "/class/static/"), false)
	case p == "/class/ws":
		s.serveWS(w, r)
	case p == "/class/record.json" || p == "/class/decisions.csv":
		s.serveDownload(w, r, strings.TrimPrefix(p, "/class/"))
	default:
		refuse(w, http.StatusNotFound, "not found")
	}
}

// Stop closes every connection and the round timer, and writes the
// checkpoint a last time. The game stays as it is: a server started again
// on the same folder resumes it.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return nil
	}
	s.stopped = true
	err := s.checkpoint(saveAll) // with the clock as it stands
	s.timer.halt()
	for c := range s.conns {
		c.kill(statusGoingAway, "the server is stopping")
	}
	return err
}

// logRefused writes one line: who sent what, and why it was refused.
// What a client chose is quoted or cleaned, so no student can break the
// line or forge another.
func (s *Server) logRefused(c *conn, what, why string) {
	fmt.Fprintf(s.o.Log, "cisim class: refused %s from %s: %s\n", quoteCapped(what, 24), c.who(), cleanLine(why, 200))
}
