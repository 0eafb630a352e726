package class

import (
	"errors"
	"fmt"
	"time"

	"github.com/coder/websocket"
)

// admit counts a new socket in, if there is room: the students, a few
// teachers, and no more. Counting before the upgrade means a crowd of
// sockets that never say hello cannot get past the bound either.
func (s *Server) admit() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped || len(s.conns)+s.upgrading >= s.o.MaxStudents+maxTeachers {
		return false
	}
	s.upgrading++
	return true
}

// leave is admit's undoing for a socket that failed to upgrade.
func (s *Server) leave() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.upgrading--
}

// join counts an upgraded socket as a connection that has yet to say
// hello.
func (s *Server) join(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.upgrading--
	s.conns[c] = true
	if s.stopped {
		c.kill(statusGoingAway, "the server is stopping")
	}
}

// part forgets a connection that ended. Its seat stays if it holds a role,
// for the same token to come back to.
func (s *Server) part(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	c.dead = true
	switch {
	case c.teacher:
		s.teachers--
	case c.seat != nil:
		s.students--
		if c.seat.conn == c {
			c.seat.conn = nil
			if c.seat.Role == "" {
				delete(s.seats, c.seat.Token)
			}
		}
		s.toTeachers()
	}
}

// helloOrClose closes a connection that has not said hello in time: a
// socket that only holds a place is a cheap way to fill the class.
func (s *Server) helloOrClose(c *conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !c.helloed && !c.dead {
		s.logRefused(c, "its silence", fmt.Sprintf("no hello within %v; the connection is closed", s.helloTimeout()))
		c.kill(StatusNoHello, "no hello in time")
	}
}

// handle takes one message from a connection: the rate limit, then the
// message itself. Nothing a client sends gets past the recover below; the
// game and every other connection go on.
func (s *Server) handle(c *conn, typ websocket.MessageType, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	what := "a message"
	defer func() {
		if r := recover(); r != nil {
			s.logRefused(c, what, fmt.Sprintf("the server failed on it: %v; the game goes on", r))
			c.queue(errorMessage("the server could not handle that message"))
		}
	}()
	if c.dead || s.stopped {
		return
	}
	if !c.bucket.take(time.Now()) {
		s.flood(c)
		return
	}
	c.drops = 0
	if typ != websocket.MessageText {
		s.refuse(c, "a binary message", "only JSON text messages are accepted")
		return
	}
	m, err := parseMessage(data)
	if err != nil {
		s.refuse(c, what, err.Error())
		return
	}
	what = m.T
	if err := s.dispatch(c, m); err != nil {
		s.refuse(c, what, err.Error())
		var ce closingError
		if errors.As(err, &ce) {
			c.kill(StatusRefused, ce.reason)
		}
	}
}

// closingError is a refusal after which the connection is closed: the
// page is told why, then the socket goes.
type closingError struct {
	error
	reason string // for the close frame, short
}

// flood drops a message over the rate limit. The first of a run is logged
// and answered; answering every one would only flood the flooder's queue.
func (s *Server) flood(c *conn) {
	c.drops++
	switch c.drops {
	case 1:
		s.refuse(c, "a message", fmt.Sprintf("more than %g messages a second: dropped", s.rate()))
	case s.floodClose():
		s.logRefused(c, "its messages", fmt.Sprintf("%d in a row over the rate limit; the connection is closed", c.drops))
		c.kill(statusPolicy, "too many messages")
	}
}

// refuse logs a refused message and tells its sender why.
func (s *Server) refuse(c *conn, what, why string) {
	s.logRefused(c, what, why)
	c.queue(errorMessage(why))
}

// dispatch routes a parsed message by its sender and type.
func (s *Server) dispatch(c *conn, m *message) error {
	switch {
	case m.T == "hello" && c.helloed:
		return fmt.Errorf("hello again: this connection has said hello")
	case m.T == "hello" && m.Teacher != nil:
		return s.helloTeacher(c, *m.Teacher)
	case m.T == "hello":
		return s.helloStudent(c, m)
	case !c.helloed:
		return fmt.Errorf("say hello first")
	case c.teacher:
		return s.teacherSays(m)
	}
	return s.studentSays(c, m)
}

// teacherSays carries out one of the teacher's commands.
func (s *Server) teacherSays(m *message) error {
	switch m.T {
	case "open":
		return s.openRound(m.Seconds)
	case "close":
		return s.closeRound()
	case "pause", "resume":
		return s.pauseResume(m.T == "pause")
	case "free":
		return s.free(m.Role)
	case "grant":
		return s.grant(m.Rung)
	}
	return fmt.Errorf("unknown message type %s (the teacher's: open, close, pause, resume, free, grant)", quoteCapped(m.T, 24))
}

// studentSays carries out one of a student's messages.
func (s *Server) studentSays(c *conn, m *message) error {
	switch m.T {
	case "pick":
		return s.pick(c, m.Role)
	case "decide":
		return s.decide(c, m)
	}
	return fmt.Errorf("unknown message type %s (a student's: hello, pick, decide)", quoteCapped(m.T, 24))
}
