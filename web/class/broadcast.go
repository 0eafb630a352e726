package class

import (
	"sort"
	"time"
)

// welcome is the welcome message for a seat: its token, its role and
// every role with whether it is taken.
func (s *Server) welcome(st *seat) []byte {
	roles := s.g.Roles()
	list := make([]roleSeat, len(roles))
	for i, r := range roles {
		list[i] = roleSeat{Role: r, Taken: s.holder[r.ID] != nil}
	}
	role := st.Role
	return encode(envelope{T: "welcome", Token: st.Token, Role: &role, Roles: list})
}

// clock is the server's fields in every view.
type clock struct {
	Paused      bool `json:"paused"`
	SecondsLeft int  `json:"seconds_left"`
}

func (s *Server) clock() clock {
	return clock{Paused: s.timer.paused, SecondsLeft: s.timer.secondsLeft(time.Now())}
}

// viewMessage is the view message for one role.
func (s *Server) viewMessage(role string) []byte {
	return encode(envelope{T: "view", V: withFields(s.g.RoleView(role), s.clock())})
}

// sendView sends a student its role's view (nothing without a role).
func (s *Server) sendView(c *conn) {
	if c.seat != nil && c.seat.Role != "" {
		c.queue(s.viewMessage(c.seat.Role))
	}
}

// sendRole sends a role's view to the student who holds it, if online.
func (s *Server) sendRole(role string) {
	if st := s.holder[role]; st != nil && st.conn != nil {
		st.conn.queue(s.viewMessage(role))
	}
}

// broadcast sends everyone the state after a change that everyone sees:
// each role's view made once, for its holder only.
func (s *Server) broadcast() {
	for role := range s.holder {
		s.sendRole(role)
	}
	s.toTeachers()
}

// seatsChanged tells the students without a role which roles are free
// now, and the teachers who holds what.
func (s *Server) seatsChanged() {
	for _, st := range s.seats {
		if st.Role == "" && st.conn != nil {
			st.conn.queue(s.welcome(st)) // each with its own token
		}
	}
	s.toTeachers()
}

// seatView is one student on the teacher's screen.
type seatView struct {
	Role   string `json:"role"`
	Name   string `json:"name"`
	Online bool   `json:"online"`
}

// teacherFields are the server's fields in the teacher's view.
type teacherFields struct {
	clock
	Connected int        `json:"connected"`
	Code      string     `json:"code"`
	JoinURL   string     `json:"join_url"`
	Seats     []seatView `json:"seats"`
}

// teacherMessage is the teacher's view: the game's, the clock, the join
// code and address, and the seats with the students' names.
func (s *Server) teacherMessage() []byte {
	f := teacherFields{clock: s.clock(), Connected: s.students, Code: s.code, JoinURL: s.JoinURL(),
		Seats: []seatView{}}
	for _, st := range s.seats {
		f.Seats = append(f.Seats, seatView{Role: st.Role, Name: st.Name, Online: st.conn != nil})
	}
	sort.Slice(f.Seats, func(i, j int) bool {
		a, b := f.Seats[i], f.Seats[j]
		if (a.Role == "") != (b.Role == "") {
			return a.Role != "" // roles first, then the students still choosing
		}
		return a.Role < b.Role || a.Role == b.Role && a.Name < b.Name
	})
	return encode(envelope{T: "teacher", V: withFields(s.g.TeacherView(), f)})
}

// toTeachers sends the teacher's view to every teacher page.
func (s *Server) toTeachers() {
	if s.teachers > 0 {
		s.toTeachersRaw(s.teacherMessage())
	}
}

func (s *Server) toTeachersRaw(b []byte) {
	for c := range s.conns {
		if c.teacher {
			c.queue(b)
		}
	}
}
