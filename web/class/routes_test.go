package class

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// TestRoutes: the pages and assets with their headers, the downloads for
// the key only, and refusals for the rest.
func TestRoutes(t *testing.T) {
	s, hs, log := start(t, Options{Game: newFake(2), Dir: t.TempDir()})
	get := func(method, path string, h http.Header) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, hs.URL+path, nil)
		for k, v := range h {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(b)
	}
	for path, want := range map[string]int{
		"/class/": 200, "/class/?code=K7QX2P": 200, "/class/teacher": 200, "/class/static/conn.js": 200,
		"/class/teacher?x=1": 400, "/class/static/nothing.js": 404, "/class/nowhere": 404,
		"/class/record.json": 403, "/class/decisions.csv": 403, "/class/record.json?key=" + strings.Repeat("0", 32): 403,
		"/class/record.json?key=" + s.Key(): 200, "/class/decisions.csv?key=" + s.Key(): 200,
	} {
		resp, _ := get("GET", path, nil)
		if resp.StatusCode != want {
			t.Errorf("GET %s: %d; want %d", path, resp.StatusCode, want)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s: CSP %q", path, csp)
		}
	}
	if resp, _ := get("POST", "/class/", nil); resp.StatusCode != 405 {
		t.Errorf("POST /class/: %d", resp.StatusCode)
	}
	resp, body := get("GET", "/class/record.json", http.Header{"Authorization": {"Bearer " + s.Key()}})
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "{") || resp.Header.Get("Content-Disposition") == "" {
		t.Errorf("the record with the key in a header: %d %q", resp.StatusCode, body)
	}
	if resp, body := get("GET", "/class/", nil); !strings.Contains(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, "<") {
		t.Errorf("the student page: %s %.80q", resp.Header.Get("Content-Type"), body)
	}
	if !strings.Contains(log.String(), "refused a download of record.json") {
		t.Errorf("a download without the key was not logged: %s", log)
	}
}

// TestAssetsHaveTypes: every file the pages are made of has a content
// type, or the server would not start.
func TestAssetsHaveTypes(t *testing.T) {
	a, err := embeddedAssets()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"student.html", "teacher.html"} {
		if _, ok := a[name]; !ok {
			t.Errorf("static/%s is not embedded", name)
		}
	}
}

// FuzzHandle feeds any bytes to the handling of a student's message, a
// teacher's, and one before hello: nothing panics past handle, and the
// game's state stays one the game made.
func FuzzHandle(f *testing.F) {
	for _, seed := range []string{
		`{"t":"hello","code":"AAAAAA","token":"x","name":"y"}`, `{"t":"pick","role":"city"}`,
		`{"t":"decide","round":1,"d":{"agenda":0.5}}`, `{"t":"open","seconds":1}`, `{"t":"close"}`,
		`{"t":"free","role":"city"}`, `{"t":"pause"}`, `{"t":"resume"}`, `{"t":"decide","round":1e99,"d":null}`,
		`{"t":"open","seconds":-0}`, `{"t":"hello","teacher":null}`, "\x00", `{"t":"decide","d":[]}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := newFake(3)
		s, err := New(Options{Game: g})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Stop()
		student := fakeConn(s)
		s.handle(student, websocket.MessageText, []byte(`{"t":"hello","code":"`+s.Code()+`"}`))
		s.handle(student, websocket.MessageText, []byte(`{"t":"pick","role":"city"}`))
		teacher := fakeConn(s)
		s.handle(teacher, websocket.MessageText, []byte(`{"t":"hello","teacher":"`+s.Key()+`"}`))
		s.handle(teacher, websocket.MessageText, []byte(`{"t":"open"}`))
		stranger := fakeConn(s)
		for _, c := range []*conn{student, teacher, stranger} {
			s.handle(c, websocket.MessageText, data)
		}
		if _, status := g.State(); status != "lobby" && status != "open" && status != "closed" && status != "over" {
			t.Fatalf("status %q", status)
		}
		if h := s.holder["city"]; h != nil && h != student.seat {
			t.Fatalf("the city's role changed hands by a message")
		}
	})
}

// fakeConn is a connection without a socket: what handle queues for it
// is drained and dropped.
func fakeConn(s *Server) *conn {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	c := &conn{addr: "fuzz", send: make(chan []byte, sendQueue), quit: make(chan struct{}), ctx: ctx, cancel: cancel,
		bucket: newBucket(1e9, 1e9, time.Now())}
	go func() {
		for {
			select {
			case <-c.send:
			case <-ctx.Done():
				return
			}
		}
	}()
	s.mu.Lock()
	s.conns[c] = true
	s.mu.Unlock()
	return c
}

// TestSocketOutlivesServerTimeouts: the http.Server's read and write
// timeouts (cisim serve's are 10 s and 2 min) do not cut a WebSocket off.
func TestSocketOutlivesServerTimeouts(t *testing.T) {
	s, err := New(Options{Game: newFake(2)})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(s)
	hs.Config.ReadTimeout, hs.Config.WriteTimeout = 200*time.Millisecond, 200*time.Millisecond
	hs.Start()
	t.Cleanup(func() { s.Stop(); hs.Close() })
	tc, _ := teacher(t, hs, s)
	time.Sleep(600 * time.Millisecond)
	tc.send(map[string]any{"t": "open"})
	tc.expectV("teacher", "status", "open")
}
