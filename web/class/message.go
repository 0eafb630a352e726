package class

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// message is any message a client sends; which fields count depends on
// t. Pointers tell a field that is absent from one that is zero.
type message struct {
	T       string          `json:"t"`
	Code    *string         `json:"code"`
	Token   string          `json:"token"`
	Name    string          `json:"name"`
	Teacher *string         `json:"teacher"`
	Role    string          `json:"role"`
	Round   *int            `json:"round"`
	D       json.RawMessage `json:"d"`
	Seconds *float64        `json:"seconds"`
	Rung    *int            `json:"rung"`
}

// parseMessage reads one message: one JSON object with known fields and
// a type, nothing after it.
func parseMessage(data []byte) (*message, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8 text")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m message
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("not a message: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not a message: something after the JSON object")
	}
	if m.T == "" {
		return nil, errors.New(`not a message: no "t", the type`)
	}
	return &m, nil
}

// envelope is what the server sends: a type and, for most, a value.
type envelope struct {
	T     string `json:"t"`
	V     any    `json:"v,omitempty"`
	Msg   string `json:"msg,omitempty"`
	Round *int   `json:"round,omitempty"`

	// welcome
	Token string     `json:"token,omitempty"`
	Role  *string    `json:"role,omitempty"`
	Roles []roleSeat `json:"roles,omitempty"`
}

// roleSeat is a role as the welcome lists it: whether it is taken, not by
// whom (a student's name reaches the teacher only).
type roleSeat struct {
	Role
	Taken bool `json:"taken"`
}

func encode(e envelope) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		// Every value sent is the game's view or the server's own, all
		// plain data: failing here is a bug, which handle's recover logs.
		panic(fmt.Sprintf("class: cannot encode a %q message: %v", e.T, err))
	}
	return b
}

func errorMessage(msg string) []byte { return encode(envelope{T: "error", Msg: msg}) }

// withFields is the JSON of the object v with the fields of the object
// extra added: a view from the game with the server's wall-clock fields.
func withFields(v, extra any) json.RawMessage {
	a, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("class: cannot encode a view: %v", err))
	}
	b, err := json.Marshal(extra)
	if err != nil {
		panic(fmt.Sprintf("class: cannot encode a view's fields: %v", err))
	}
	a, b = bytes.TrimSpace(a), bytes.TrimSpace(b)
	if len(a) < 2 || a[0] != '{' || len(b) < 2 || b[0] != '{' {
		panic("class: a view is not a JSON object")
	}
	if len(a) == 2 { // {}
		return b
	}
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, a[:len(a)-1]...)
	if len(b) > 2 {
		out = append(out, ',')
		out = append(out, b[1:]...)
	} else {
		out = append(out, '}')
	}
	return out
}
