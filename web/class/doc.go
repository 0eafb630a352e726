// Package class serves the participatory classroom (cisim serve --class):
// students play the partner organisations from their own devices against
// the game that runs on the teacher's machine (package web/game). The
// server owns everything that has a wall clock or a connection in it: the
// join code, the teacher's key, the students' seats (token → role), the
// round timer and its pause, the checkpoint after every decision and
// round, and the bounds on what a connection may send. The game owns the
// rules, the numbers and the record; the server never computes either.
//
// # Routes
//
//	/class/                 the student page (static/student.html); ?code= may carry the join code
//	/class/teacher          the teacher page (static/teacher.html); the key is in the fragment, #key=
//	/class/static/NAME      the pages' assets, embedded from static/
//	/class/ws               the WebSocket
//	/class/record.json      the session record  } the teacher's key is needed: the header
//	/class/decisions.csv    the tidy CSV        } "Authorization: Bearer KEY" or ?key=KEY
//
// # Protocol
//
// JSON text frames of at most 4 KiB; "t" is the type. Unknown fields and
// trailing data are refused.
//
//	student → {"t":"hello","code":"K7QX2P","token":"…optional","name":"…optional"}
//	server  → {"t":"welcome","token":"…","role":"id or empty","roles":[{"id","name","kind","taken"}]}
//	student → {"t":"pick","role":"malmo-city"}            → welcome, or error
//	student → {"t":"decide","round":3,"d":{…Decision}}   → {"t":"ack","round":3}, or error
//	server  → {"t":"view","v":{…RoleView,"paused":false,"seconds_left":42}}
//
//	teacher → {"t":"hello","teacher":"KEY"}
//	teacher → {"t":"open","seconds":120}   (0 or absent: no time limit)
//	teacher → {"t":"close"} {"t":"pause"} {"t":"resume"} {"t":"free","role":"id"}
//	teacher → {"t":"grant","rung":2}   (the young people's engagement rung, 0–4, from the open round on)
//	server  → {"t":"teacher","v":{…TeacherView,"paused","seconds_left","connected","code","join_url","seats"}}
//	server  → {"t":"debrief","v":{…Debrief}}   (once the game is over)
//
//	server  → {"t":"error","msg":"…"}
//
// A debrief whose replays failed is {"error":"…"}.
//
// seconds_left is the whole seconds left in the open round (rounded up),
// 0 when the round has no time limit or is not open; the pages count down
// from it between messages. seats (teacher only) lists who holds each role:
// [{"role","name","online"}]. A student's name is shown to the teacher and
// to nobody else.
//
// A token that held a role gets it back on reconnect; a token the server
// does not know (a new device) gets a fresh one. Welcome is sent again to
// students without a role whenever a role is taken or freed, so their list
// of free roles stays current. A student may change role only before the
// first round opens; afterwards the teacher frees the role.
//
// # Bounds
//
// A connection must say hello within 10 s; at most MaxStudents students and
// a few teachers are connected at once; each connection may send 10
// messages a second (a token bucket with a burst of 10): beyond it a
// message is dropped with an error, and a connection that keeps flooding is
// closed. An oversized frame closes the connection (that is the WebSocket
// library's read limit). Every refused message is logged as one line on
// the server's log: who, what, why. A panic while handling one connection's
// message is recovered, logged and answered with an error; the game goes
// on.
//
// Close codes: 1001 the server is stopping (reconnect), 1008 a flood or a
// connection too slow to read, 1009 a message over 4 KiB, 4001 replaced by
// a newer connection with the same token (another tab: do not reconnect),
// 4002 the hello was refused for good (the class is full), 4003 no hello
// within 10 s.
//
// # Checkpoint
//
// The game's record is rewritten atomically to DIR/record.json (the game's
// WriteRecord) after every decision, grant, opening and closing of a
// round; decisions.csv beside it at every round's end. DIR/class.json
// (mode 0600: it holds the key and the tokens) keeps the join code, the
// teacher's key, the seats and the round timer, written when one of them
// changes (a pick, a free, open, pause, resume, close), so that a
// restarted server resumes the game with the same code and key, every
// student keeps its role, and an open round comes back paused with the
// time it had at the last of those writes.
package class
