package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// theHandler is built once, so the wasm is compressed once.
var theHandler = sync.OnceValues(func() (http.Handler, error) { return Handler(Assets()) })

func pageHandler(t *testing.T) http.Handler {
	t.Helper()
	h, err := theHandler()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestServesEveryAsset(t *testing.T) {
	h := pageHandler(t)
	want := map[string]string{
		"/":                  "text/html; charset=utf-8",
		"/index.html":        "text/html; charset=utf-8",
		"/app.js":            "text/javascript; charset=utf-8",
		"/style.css":         "text/css; charset=utf-8",
		"/cisim.wasm":        "application/wasm",
		"/wasm_exec.js":      "text/javascript; charset=utf-8",
		"/uPlot.iife.min.js": "text/javascript; charset=utf-8",
		"/uPlot.LICENSE":     "text/plain; charset=utf-8",
		"/favicon.svg":       "image/svg+xml",
	}
	for path, ctype := range want {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			t.Errorf("GET %s: %d", path, rec.Code)
			continue
		}
		if got := rec.Header().Get("Content-Type"); got != ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", path, got, ctype)
		}
		for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "ETag"} {
			if rec.Header().Get(k) == "" {
				t.Errorf("GET %s: no %s header", path, k)
			}
		}
		name := strings.TrimPrefix(path, "/")
		if name == "" {
			name = "index.html"
		}
		body, _ := fs.ReadFile(Assets(), name)
		if !bytes.Equal(rec.Body.Bytes(), body) {
			t.Errorf("GET %s: the body is not the embedded file", path)
		}
	}
	if csp := ContentSecurityPolicy; !strings.Contains(csp, "'wasm-unsafe-eval'") || strings.Contains(csp, "'unsafe-inline'") {
		t.Errorf("policy %q: want wasm compilation allowed and no inline script or style", csp)
	}
}

// TestRefuses sends requests outside the assets, with other methods, with
// queries, bodies and over-long targets, and checks each is refused with
// the right status and no asset in the answer. Targets that url.Parse
// would read as a host (//etc/passwd) are in TestRefusesOnTheWire, where
// the server parses them as a request target.
func TestRefuses(t *testing.T) {
	h := pageHandler(t)
	long := "/" + strings.Repeat("a", MaxURI)
	cases := []struct {
		method, target string
		body           string
		code           int
	}{
		{"GET", "/../go.mod", "", 404},
		{"GET", "/%2e%2e/go.mod", "", 404},
		{"GET", "/static/index.html", "", 404},
		{"GET", "/classroom/", "", 404},
		{"GET", "/index.html/", "", 404},
		{"GET", "/app.js%00", "", 404},
		{"GET", "/web/server.go", "", 404},
		{"GET", "/?scenario=isolated", "", 400},
		{"GET", "/app.js?", "", 400},
		{"GET", long, "", 414},
		{"POST", "/", "x=1", 405},
		{"PUT", "/index.html", "x", 405},
		{"DELETE", "/index.html", "", 405},
		{"OPTIONS", "/", "", 405},
		{"GET", "/", "a body", 400},
	}
	for _, c := range cases {
		var body io.Reader
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		req := httptest.NewRequest(c.method, "/", body)
		req.RequestURI = c.target
		u, err := req.URL.Parse(c.target)
		if err != nil {
			t.Fatalf("%s: %v", c.target, err)
		}
		req.URL = u
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.code {
			t.Errorf("%s %s: %d, want %d", c.method, c.target, rec.Code, c.code)
		}
		if rec.Code == 405 && rec.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q", c.method, c.target, rec.Header().Get("Allow"))
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" || rec.Body.Len() > 200 {
			t.Errorf("%s %s: refusal of type %q and %d bytes, want one short line", c.method, c.target, ct, rec.Body.Len())
		}
	}
}

// TestRefusesOnTheWire sends raw requests to a real server: malformed ones,
// oversized headers, and a slow client that never finishes its headers.
func TestRefusesOnTheWire(t *testing.T) {
	srv := httptest.NewUnstartedServer(pageHandler(t))
	s := NewServer(srv.Config.Handler)
	s.ReadHeaderTimeout = 300 * time.Millisecond
	srv.Config = s
	srv.Start()
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	raw := func(req string) string {
		t.Helper()
		line, _ := sendRaw(t, addr, req).ReadString('\n')
		return strings.TrimSpace(line)
	}
	cases := map[string]string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n":           "HTTP/1.1 200 OK",
		"GARBAGE\r\n\r\n":                             "HTTP/1.1 400 Bad Request",
		"GET / HTTP/1.1\r\n\r\n":                      "HTTP/1.1 400 Bad Request", // no Host
		"GET /index.html HTTP/9.9\r\nHost: x\r\n\r\n": "HTTP/1.1 505 HTTP Version Not Supported",
		"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", 64<<10) + "\r\n\r\n":      "HTTP/1.1 431 Request Header Fields Too Large",
		"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc":                           "HTTP/1.1 405 Method Not Allowed",
		"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n": "HTTP/1.1 400 Bad Request",
		"GET //etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n":                                         "HTTP/1.1 404 Not Found",
		"GET //index.html HTTP/1.1\r\nHost: x\r\n\r\n":                                         "HTTP/1.1 404 Not Found",
		"GET /..//..//etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n":                                  "HTTP/1.1 404 Not Found",
		// Go's server answers OPTIONS * itself unless told not to; ours
		// refuses it, with the same headers as every other answer.
		"OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n": "HTTP/1.1 405 Method Not Allowed",
	}
	for req, want := range cases {
		if got := raw(req); !strings.HasPrefix(got, want) {
			t.Errorf("%.60q: %q, want %q", req, got, want)
		}
	}
	if hd := rawHeader(t, addr, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"); hd.Get("Allow") != "GET, HEAD" ||
		hd.Get("Content-Security-Policy") != ContentSecurityPolicy || hd.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("OPTIONS *: headers %v, want Allow and the page's security headers", hd)
	}
	// A client that sends half a request line is cut off after the
	// header timeout.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HT")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(c)
	if err != nil || time.Since(start) > 4*time.Second {
		t.Errorf("a slow client was not cut off: %v after %v", err, time.Since(start))
	}
}

// sendRaw sends one raw request to addr on a new connection, closed when
// the test ends, and returns a reader of the answer.
func sendRaw(t *testing.T, addr, req string) *bufio.Reader {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, req)
	return bufio.NewReader(c)
}

// rawHeader sends one raw request to addr and returns the answer's header.
func rawHeader(t *testing.T, addr, req string) http.Header {
	t.Helper()
	resp, err := http.ReadResponse(sendRaw(t, addr, req), nil)
	if err != nil {
		t.Fatalf("%.40q: %v", req, err)
	}
	resp.Body.Close()
	return resp.Header
}

func TestGzipHeadAndNotModified(t *testing.T) {
	h := pageHandler(t)
	wasm, _ := fs.ReadFile(Assets(), "cisim.wasm")
	req := httptest.NewRequest("GET", "/cisim.wasm", nil)
	req.Header.Set("Accept-Encoding", "br, gzip;q=0.8")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Body.Len() >= len(wasm)/2 {
		t.Fatalf("wasm with gzip accepted: encoding %q, %d bytes of %d", rec.Header().Get("Content-Encoding"), rec.Body.Len(), len(wasm))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !bytes.Equal(b, wasm) {
		t.Fatal("the gzipped wasm does not unpack to the wasm")
	}
	gzTag := rec.Header().Get("ETag")
	req.Header.Set("Accept-Encoding", "gzip;q=0")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Header().Get("Content-Encoding") != "" || rec.Body.Len() != len(wasm) {
		t.Errorf("gzip;q=0 still got %q", rec.Header().Get("Content-Encoding"))
	}
	etag := rec.Header().Get("ETag")
	// Each body has its own tag, and a tag matches only its own body.
	if gzTag == etag || !strings.HasSuffix(gzTag, `-gz"`) {
		t.Errorf("ETag %s for the gzipped body, %s for the plain one: want them different", gzTag, etag)
	}
	for _, c := range []struct {
		accept, match string
		code          int
	}{
		{"gzip", gzTag, 304}, {"gzip", etag, 200}, {"", gzTag, 200}, {"", etag, 304},
	} {
		r := httptest.NewRequest("GET", "/cisim.wasm", nil)
		r.Header.Set("Accept-Encoding", c.accept)
		r.Header.Set("If-None-Match", c.match)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.code {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d, want %d", c.accept, c.match, w.Code, c.code)
		}
	}
	req = httptest.NewRequest("HEAD", "/cisim.wasm", nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != fmt.Sprint(len(wasm)) {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
	req = httptest.NewRequest("GET", "/cisim.wasm", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 304 || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match with the ETag: %d and %d bytes, want 304 and none", rec.Code, rec.Body.Len())
	}
}

func TestHandlerRefusesUnknownAssets(t *testing.T) {
	if _, err := Handler(fstest.MapFS{"index.html": {}, "notes.txt": {}}); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("an asset of unknown type: %v", err)
	}
	if _, err := Handler(fstest.MapFS{"app.js": {}}); err == nil {
		t.Error("assets without index.html were accepted")
	}
}

func TestServeStopsWithContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET /: %d", resp.StatusCode)
	}
	cancel()
	awaitStop(t, done, "when its context ended")
}

// awaitStop waits for Serve to return, which must be without an error.
func awaitStop(t *testing.T, done <-chan error, when string) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve stopped %s with %v, want no error", when, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("Serve did not stop %s", when)
	}
}

// TestServeStopsDuringADownload stops the server while a client is slowly
// fetching the wasm: after the grace period the download is cut off and
// Serve returns no error.
func TestServeStopsDuringADownload(t *testing.T) {
	old := shutdownGrace
	shutdownGrace = 200 * time.Millisecond
	defer func() { shutdownGrace = old }()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln) }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096) // the wasm's megabytes cannot all be in flight
	io.WriteString(c, "GET /cisim.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if line, err := bufio.NewReader(c).ReadString('\n'); err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
		t.Fatalf("the download did not start: %q %v", line, err)
	}
	cancel()
	awaitStop(t, done, "during a download")
}

func TestExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "classroom")
	if err := Export(dir); err != nil {
		t.Fatal(err)
	}
	err := fs.WalkDir(Assets(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want, _ := fs.ReadFile(Assets(), name)
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("exported %s differs from the embedded file (%v)", name, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A folder that is not empty is never touched.
	if err := Export(dir); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("export into a full folder: %v", err)
	}
	// An existing empty folder is filled and keeps its mode; nothing is
	// left beside it or inside it but the page.
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(empty, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := Export(empty); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(empty)); len(entries) != 1 {
		t.Errorf("export left %d entries beside the folder, want only the folder", len(entries))
	}
	if st, err := os.Stat(empty); err != nil || st.Mode().Perm() != 0o750 {
		t.Errorf("the exported-into folder's mode: %v (%v), want 0750 kept", st.Mode(), err)
	}
	checkExported(t, empty)

	// A link to an empty folder stays a link; the files go to its target.
	base := t.TempDir()
	target, link := filepath.Join(base, "target"), filepath.Join(base, "link")
	os.Mkdir(target, 0o755)
	if err := os.Symlink("target", link); err != nil {
		t.Fatal(err)
	}
	if err := Export(link); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("export replaced the link to an empty folder: %v %v", st.Mode(), err)
	}
	checkExported(t, target)

	// A missing parent, or a link to nowhere, is refused in one line.
	for _, bad := range []struct{ dir, want string }{
		{filepath.Join(t.TempDir(), "no", "page"), "does not exist; create it first"},
		{filepath.Join(base, "dangling"), "symbolic link to a folder that does not exist"},
	} {
		os.Symlink("nowhere", filepath.Join(base, "dangling"))
		if err := Export(bad.dir); err == nil || !strings.Contains(err.Error(), bad.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("export to %s: %v, want one line with %q", bad.dir, err, bad.want)
		}
	}
}

// checkExported checks that dir holds the page's files and nothing else.
func checkExported(t *testing.T, dir string) {
	t.Helper()
	want, _ := fs.ReadDir(Assets(), ".")
	got, err := os.ReadDir(dir)
	if err != nil || len(got) != len(want) {
		t.Fatalf("%s holds %d entries (%v), want the page's %d", dir, len(got), err, len(want))
	}
	for _, e := range want {
		b, _ := fs.ReadFile(Assets(), e.Name())
		if g, err := os.ReadFile(filepath.Join(dir, e.Name())); err != nil || !bytes.Equal(g, b) {
			t.Errorf("%s: exported %s differs (%v)", dir, e.Name(), err)
		}
	}
}
