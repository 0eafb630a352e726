package class

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// helloStudent seats a student: the same seat for a token that has one
// (a reconnect resumes the role), a new one otherwise.
func (s *Server) helloStudent(c *conn, m *message) error {
	if m.Code == nil || NormalizeCode(*m.Code) != s.code {
		return errors.New("wrong join code: check the code on the teacher's screen")
	}
	st := s.seats[m.Token]
	if m.Token == "" || st == nil {
		if s.students >= s.o.MaxStudents {
			return closingError{fmt.Errorf("the class is full (%d students)", s.o.MaxStudents), "the class is full"}
		}
		st = &seat{Token: newSecret()}
		s.seats[st.Token] = st
	}
	if old := st.conn; old != nil && old != c {
		// The same device again (a reload, a new network): the newer
		// connection is the one the student looks at.
		old.kill(StatusReplaced, "replaced by a newer connection with the same token")
		s.students--
		old.seat = nil
	}
	if m.Name != "" {
		st.Name = cleanName(m.Name)
	}
	st.conn, c.seat, c.helloed = c, st, true
	s.students++
	c.queue(s.welcome(st))
	if st.Role != "" {
		s.sendView(c)
	}
	s.toTeachers()
	return nil
}

// helloTeacher lets in a teacher's page that has the key.
func (s *Server) helloTeacher(c *conn, key string) error {
	if !sameSecret(key, s.key) {
		return errors.New("wrong teacher key: open the address the server printed")
	}
	if s.teachers >= maxTeachers {
		return closingError{fmt.Errorf("%d teacher pages are open already", maxTeachers), "too many teacher pages"}
	}
	c.teacher, c.helloed = true, true
	s.teachers++
	// The key's holder runs the game, maybe fast (a debrief rehearsed, a
	// test): a bound that is still a bound, against a page's runaway loop.
	c.bucket = newBucket(teacherRate, teacherRate, time.Now())
	c.queue(s.teacherMessage())
	if s.debrief != nil {
		c.queue(s.debrief)
	}
	return nil
}

// pick gives a student a free role. Changing role is for the lobby only:
// once the game runs, a role's decisions are one player's.
func (s *Server) pick(c *conn, role string) error {
	st := c.seat
	if !s.isRole(role) {
		return fmt.Errorf("no role %s in this game", quoteCapped(role, 40))
	}
	if st.Role == role {
		c.queue(s.welcome(st))
		return nil
	}
	if s.holder[role] != nil {
		return fmt.Errorf("role %s is taken: pick another", role)
	}
	if round, status := s.g.State(); st.Role != "" && (round > 0 || status != "lobby") {
		return fmt.Errorf("you play %s and the game has begun: the teacher can free your role", st.Role)
	}
	if st.Role != "" {
		delete(s.holder, st.Role)
	}
	st.Role = role
	s.holder[role] = st
	s.save(saveSession)
	c.queue(s.welcome(st))
	s.sendView(c)
	s.seatsChanged()
	return nil
}

// decide hands a student's decision for its own role to the game. The
// role is the seat's; a message that names another is refused, not
// rerouted.
func (s *Server) decide(c *conn, m *message) error {
	role := c.seat.Role
	switch round, status := s.g.State(); {
	case role == "":
		return errors.New("pick a role first")
	case m.Role != "" && m.Role != role:
		return fmt.Errorf("you play %s: you cannot decide for %s", role, quoteCapped(m.Role, 40))
	case m.Round == nil:
		return errors.New(`decide needs "round", the round it is for`)
	case status != "open":
		return fmt.Errorf("round %d is not open", *m.Round)
	case *m.Round != round:
		return fmt.Errorf("round %d is not open (round %d is)", *m.Round, round)
	case len(m.D) == 0:
		return errors.New(`decide needs "d", the decision`)
	}
	if err := s.g.Decide(role, m.D); err != nil {
		return err
	}
	s.save(saveRecord)
	c.queue(encode(envelope{T: "ack", Round: m.Round}))
	s.sendRole(role)
	s.toTeachers()
	return nil
}

// maxSeconds is the longest time limit a round may have: a lesson.
const maxSeconds = 2 * 60 * 60

// openRound opens the next round, with a time limit unless seconds is
// absent or 0.
func (s *Server) openRound(seconds *float64) error {
	limit := 0.0
	if seconds != nil {
		limit = *seconds
	}
	if limit < 0 || limit > maxSeconds || limit != math.Trunc(limit) {
		return fmt.Errorf("seconds: want a whole number from 0 (no limit) to %d", maxSeconds)
	}
	if err := s.g.Open(); err != nil {
		return err
	}
	s.timer.start(secs(limit), time.Now(), s.timeUp)
	s.save(saveRecord | saveSession)
	s.broadcast()
	return nil
}

// closeRound closes the open round: the game applies the decisions and
// steps; at the end of the game the debrief is made, once.
func (s *Server) closeRound() error {
	if err := s.g.Close(); err != nil {
		return err
	}
	s.timer.stop()
	s.save(saveAll)
	if _, status := s.g.State(); status == "over" && s.debrief == nil {
		s.debrief = encode(envelope{T: "debrief", V: s.g.Debrief()})
	}
	s.broadcast()
	if s.debrief != nil {
		s.toTeachersRaw(s.debrief)
	}
	return nil
}

// timeUp closes the round whose time ran out, unless the timer is stale:
// paused, resumed or stopped since it was set.
func (s *Server) timeUp(gen int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.o.Log, "cisim class: closing the round when its time was up failed: %v\n", r)
		}
	}()
	if gen != s.timer.gen || s.stopped {
		return
	}
	if _, status := s.g.State(); status != "open" {
		return
	}
	if err := s.closeRound(); err != nil {
		fmt.Fprintf(s.o.Log, "cisim class: closing the round when its time was up: %v\n", cleanLine(err.Error(), 200))
	}
}

// pauseResume stops or restarts the open round's clock; decisions are
// still taken while it is paused (a pause is for talking).
func (s *Server) pauseResume(pause bool) error {
	if _, status := s.g.State(); status != "open" {
		return errors.New("no round is open")
	}
	switch {
	case pause && s.timer.paused:
		return errors.New("the round is paused already")
	case !pause && !s.timer.paused:
		return errors.New("the round is not paused")
	case pause:
		s.timer.pause(time.Now())
	default:
		s.timer.resume(time.Now(), s.timeUp)
	}
	s.save(saveSession)
	s.broadcast()
	return nil
}

// free takes a role from its student, for another (or the model's rules)
// to play it.
func (s *Server) free(role string) error {
	st := s.holder[role]
	if st == nil {
		return fmt.Errorf("role %s is not held by anyone", quoteCapped(role, 40))
	}
	delete(s.holder, role)
	st.Role = ""
	if st.conn == nil {
		delete(s.seats, st.Token)
	} else {
		st.conn.queue(s.welcome(st))
	}
	s.save(saveSession)
	s.seatsChanged()
	return nil
}

// grant sets the engagement rung the class grants the young people, from
// the open round on.
func (s *Server) grant(rung *int) error {
	g, ok := s.g.(Granter)
	switch {
	case !ok:
		return errors.New("this game has no engagement rung to grant")
	case rung == nil:
		return errors.New(`grant needs "rung", 0 (none) to 4 (shared decisions)`)
	}
	if err := g.Grant(*rung); err != nil {
		return err
	}
	s.save(saveRecord)
	s.broadcast()
	return nil
}

// save writes a checkpoint; a failure (a full disk, a folder removed) is
// logged and shown to the teacher, and the game goes on: stopping the
// class would lose more than a checkpoint.
func (s *Server) save(what int) {
	if err := s.checkpoint(what); err != nil {
		msg := "cannot write the checkpoint: " + err.Error()
		fmt.Fprintf(s.o.Log, "cisim class: %s\n", cleanLine(msg, 300))
		s.toTeachersRaw(errorMessage(msg))
	}
}

func (s *Server) isRole(id string) bool {
	for _, r := range s.g.Roles() {
		if r.ID == id {
			return true
		}
	}
	return false
}
