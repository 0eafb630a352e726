package class

import (
	"encoding/json"
	"io"
)

// Game is the game as the server drives it: the rules and the numbers are
// its own (package web/game, adapted by cmd/cisim), the server only says
// when. Views are values that marshal to JSON objects; the server adds its
// wall-clock fields to them.
type Game interface {
	Roles() []Role
	// State is the round (0 before the first) and the status: "lobby",
	// "open", "closed" or "over".
	State() (round int, status string)
	Open() error
	Close() error
	// Decide validates and records a decision for role in the open round;
	// d is the "d" object a student sent, not yet decoded.
	Decide(role string, d json.RawMessage) error
	RoleView(role string) any
	TeacherView() any
	Debrief() any
	// WriteRecord writes the session record to path, atomically.
	WriteRecord(path string) error
	// WriteCSV writes the tidy CSV of decisions and outcomes.
	WriteCSV(w io.Writer) error
}

// Role is one role a student may take, as the roles list shows it.
type Role struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// Granter is a game in which the class grants the young people an
// engagement rung (web/game's Grant): the teacher's {"t":"grant"}. A game
// without it refuses the message.
type Granter interface {
	Grant(rung int) error
}
