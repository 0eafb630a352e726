package class

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// logBuf is the server's log, written by its goroutines, read by the test.
type logBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLog waits for the log to hold want.
func (l *logBuf) waitLog(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(l.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q; it holds:\n%s", want, l.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// start serves g on an httptest server.
func start(t *testing.T, o Options) (*Server, *httptest.Server, *logBuf) {
	t.Helper()
	log := &logBuf{}
	o.Log = log
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(func() { s.Stop(); hs.Close() })
	return s, hs, log
}

// received is one message from the server, raw and decoded.
type received struct {
	raw string
	m   map[string]any
}

func (r received) str(k string) string { s, _ := r.m[k].(string); return s }

func (r received) v() map[string]any { v, _ := r.m["v"].(map[string]any); return v }

// client is a WebSocket client as a page would be: it reads every
// message into a queue and keeps them all, for tests that look for leaks.
type client struct {
	t      *testing.T
	ws     *websocket.Conn
	in     chan received
	mu     sync.Mutex
	all    []string
	closed chan struct{}
	status websocket.StatusCode
}

func dial(t *testing.T, hs *httptest.Server) *client {
	t.Helper()
	c, err := dialErr(hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	c.t = t
	t.Cleanup(func() { c.ws.CloseNow() })
	return c
}

// dialErr connects to the server at base (http://host:port).
func dialErr(base string) (*client, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/class/ws", nil)
	if err != nil {
		return nil, err
	}
	ws.SetReadLimit(1 << 20)
	c := &client{ws: ws, in: make(chan received, 1024), closed: make(chan struct{})}
	go c.read()
	return c, nil
}

func (c *client) read() {
	defer close(c.closed)
	for {
		_, b, err := c.ws.Read(context.Background())
		if err != nil {
			c.status = websocket.CloseStatus(err)
			return
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		c.mu.Lock()
		c.all = append(c.all, string(b))
		c.mu.Unlock()
		select {
		case c.in <- received{string(b), m}:
		default: // a test that reads nothing need not drain
		}
	}
}

func (c *client) send(v any) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	c.sendRaw(string(b))
}

func (c *client) sendRaw(s string) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.ws.Write(ctx, websocket.MessageText, []byte(s)); err != nil {
		c.t.Fatalf("send %.60s: %v", s, err)
	}
}

// expect waits for a message of type typ, passing over the others.
func (c *client) expect(typ string) received {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case r := <-c.in:
			if r.str("t") == typ {
				return r
			}
		case <-c.closed:
			if len(c.in) > 0 {
				continue // what came before the close first
			}
			c.t.Fatalf("the connection closed (%v) while waiting for %q", c.status, typ)
		case <-timeout:
			c.t.Fatalf("no %q message in 10 s", typ)
		}
	}
}

// expectV waits for a message of type typ whose value has v[key] == want
// (views come after every change; a test waits for the one it means).
func (c *client) expectV(typ, key string, want any) received {
	c.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case r := <-c.in:
			if r.str("t") == typ && r.v()[key] == want {
				return r
			}
		case <-c.closed:
			if len(c.in) > 0 {
				continue
			}
			c.t.Fatalf("the connection closed (%v) while waiting for %q with %s %v", c.status, typ, key, want)
		case <-timeout:
			c.t.Fatalf("no %q message with %s %v in 10 s", typ, key, want)
		}
	}
}

// expectError waits for an error message that contains want.
func (c *client) expectError(want string) {
	c.t.Helper()
	if r := c.expect("error"); !strings.Contains(r.str("msg"), want) {
		c.t.Fatalf("error %q; want one with %q", r.str("msg"), want)
	}
}

// waitClosed waits for the server to close the connection, with status.
func (c *client) waitClosed(want websocket.StatusCode) {
	c.t.Helper()
	select {
	case <-c.closed:
		if c.status != want {
			c.t.Fatalf("closed with %v; want %v", c.status, want)
		}
	case <-time.After(10 * time.Second):
		c.t.Fatalf("the server did not close the connection (want %v)", want)
	}
}

// everything is every message the client received, joined.
func (c *client) everything() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.all, "\n")
}

// student says hello with the code and returns its welcome.
func student(t *testing.T, hs *httptest.Server, s *Server, name string) (*client, received) {
	t.Helper()
	c := dial(t, hs)
	c.send(map[string]any{"t": "hello", "code": s.Code(), "name": name})
	return c, c.expect("welcome")
}

// teacher says hello with the key and returns its first view.
func teacher(t *testing.T, hs *httptest.Server, s *Server) (*client, received) {
	t.Helper()
	c := dial(t, hs)
	c.send(map[string]any{"t": "hello", "teacher": s.Key()})
	return c, c.expect("teacher")
}
