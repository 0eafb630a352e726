package class

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

// Close codes the server uses. The 4000s are the application's own, so
// that a page can tell "do not knock again" (replaced, refused) from a
// drop worth reconnecting after.
const (
	statusGoingAway = websocket.StatusGoingAway       // the server stops; it may come back
	statusPolicy    = websocket.StatusPolicyViolation // a flood, or too slow to read
	StatusReplaced  = websocket.StatusCode(4001)      // the same token connected again elsewhere
	StatusRefused   = websocket.StatusCode(4002)      // the hello was refused for good: full, too many teachers
	StatusNoHello   = websocket.StatusCode(4003)      // no hello in time
)

// sendQueue is how many messages may wait for a slow connection; a
// connection that falls this far behind is closed, and its page reconnects
// and gets the state afresh.
const sendQueue = 64

// writeTimeout bounds one write, so a phone that vanished without closing
// holds nothing for long.
const writeTimeout = 10 * time.Second

// conn is one WebSocket. Only the server's lock-holding code changes its
// fields; its own goroutines read the socket and drain send.
type conn struct {
	ws     *websocket.Conn
	addr   string
	send   chan []byte
	ctx    context.Context
	cancel context.CancelFunc

	helloed bool
	teacher bool
	seat    *seat
	bucket  *bucket
	drops   int // messages dropped in a row by the rate limit
	dead    bool

	// kill sets these and closes quit; the writer then sends what is
	// queued (an error saying why, as a rule) and closes the socket.
	quit        chan struct{}
	closeCode   websocket.StatusCode
	closeReason string
}

// who names the connection in the log: its role or its kind, the start of
// its token, and its address.
func (c *conn) who() string {
	switch {
	case c.teacher:
		return "the teacher at " + c.addr
	case c.seat == nil:
		return "a connection at " + c.addr + " (before hello)"
	case c.seat.Role != "":
		return fmt.Sprintf("the student playing %s (token %s…) at %s", c.seat.Role, c.seat.Token[:6], c.addr)
	}
	return fmt.Sprintf("a student without a role (token %s…) at %s", c.seat.Token[:6], c.addr)
}

// queue hands a message to the connection's writer, or closes a
// connection too slow to take it. Never blocks: it runs under the lock.
func (c *conn) queue(b []byte) {
	if c.dead {
		return
	}
	select {
	case c.send <- b:
	default:
		c.kill(statusPolicy, "too slow to read the server's messages")
	}
}

// kill closes the connection with a status and a reason its page can
// show, after the messages already queued. The writer does it: the
// closing handshake waits for the other side, and kill runs under the
// lock.
func (c *conn) kill(code websocket.StatusCode, reason string) {
	if c.dead {
		return
	}
	c.dead = true
	c.closeCode, c.closeReason = code, reason
	close(c.quit)
}

// writeLoop sends what is queued until the connection ends or is killed.
func (c *conn) writeLoop() {
	defer c.cancel()
	for {
		select {
		case <-c.ctx.Done():
			return
		case b := <-c.send:
			if !c.write(b) {
				return
			}
		case <-c.quit:
			for len(c.send) > 0 && c.write(<-c.send) {
			}
			c.ws.Close(c.closeCode, c.closeReason)
			return
		}
	}
}

func (c *conn) write(b []byte) bool {
	ctx, cancel := context.WithTimeout(c.ctx, writeTimeout)
	defer cancel()
	return c.ws.Write(ctx, websocket.MessageText, b) == nil
}

// serveWS upgrades one request to a WebSocket and reads its messages
// until it closes. The default origin check of websocket.Accept stays:
// the pages come from this server, so a page from anywhere else is not
// let in.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	if !s.admit() {
		fmt.Fprintf(s.o.Log, "cisim class: refused a connection from %s: the class is full (%d students)\n", r.RemoteAddr, s.o.MaxStudents)
		refuse(w, http.StatusServiceUnavailable, "the class is full")
		return
	}
	// The http.Server's read and write timeouts do not reach the socket:
	// net/http clears the deadlines when the library hijacks the
	// connection (TestSocketOutlivesServerTimeouts holds it to that).
	ws, err := websocket.Accept(w, r, nil)
	if err != nil {
		s.leave()
		fmt.Fprintf(s.o.Log, "cisim class: refused a connection from %s: %s\n", r.RemoteAddr, cleanLine(err.Error(), 200))
		return
	}
	ws.SetReadLimit(MaxMessage)
	ctx, cancel := context.WithCancel(context.Background())
	c := &conn{ws: ws, addr: r.RemoteAddr, send: make(chan []byte, sendQueue), quit: make(chan struct{}), ctx: ctx, cancel: cancel,
		bucket: newBucket(s.rate(), s.burst(), time.Now())}
	s.join(c)
	defer s.part(c)
	go c.writeLoop()
	hello := time.AfterFunc(s.helloTimeout(), func() { s.helloOrClose(c) })
	defer hello.Stop()
	s.readLoop(c)
}

// readLoop hands each message to handle until the connection ends.
func (s *Server) readLoop(c *conn) {
	defer c.cancel()
	for {
		typ, data, err := c.ws.Read(c.ctx)
		if err != nil {
			if errors.Is(err, websocket.ErrMessageTooBig) {
				s.mu.Lock()
				s.logRefused(c, "a message over 4 KiB", "too big; the connection is closed")
				s.mu.Unlock()
			}
			return
		}
		s.handle(c, typ, data)
	}
}

func (s *Server) rate() float64 {
	if s.o.Rate > 0 {
		return s.o.Rate
	}
	return 10
}

func (s *Server) burst() int {
	if s.o.Burst > 0 {
		return s.o.Burst
	}
	return 10
}

func (s *Server) helloTimeout() time.Duration {
	if s.o.HelloTimeout > 0 {
		return s.o.HelloTimeout
	}
	return 10 * time.Second
}

func (s *Server) floodClose() int {
	if s.o.FloodClose > 0 {
		return s.o.FloodClose
	}
	return 50
}
