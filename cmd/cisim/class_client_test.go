package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// wsClient is a page's end of /class/ws, as a test drives it.
type wsClient struct {
	t      *testing.T
	ws     *websocket.Conn
	in     chan map[string]any
	closed chan struct{}
}

// dialClass opens /class/ws at base (http://host:port).
func dialClass(t *testing.T, base string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/class/ws", nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.SetReadLimit(4 << 20)
	c := &wsClient{t: t, ws: ws, in: make(chan map[string]any, 4096), closed: make(chan struct{})}
	go func() {
		defer close(c.closed)
		for {
			_, b, err := ws.Read(context.Background())
			if err != nil {
				return
			}
			var m map[string]any
			json.Unmarshal(b, &m)
			select {
			case c.in <- m:
			default:
			}
		}
	}()
	t.Cleanup(func() { ws.CloseNow() })
	return c
}

func (c *wsClient) send(v any) {
	c.t.Helper()
	b, _ := json.Marshal(v)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.ws.Write(ctx, websocket.MessageText, b); err != nil {
		c.t.Fatalf("send %s: %v", b, err)
	}
}

// expect waits for a message of type typ whose value (m["v"], or the
// message itself) passes ok, passing over the others.
func (c *wsClient) expect(typ string, ok func(map[string]any) bool) map[string]any {
	c.t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m := <-c.in:
			if m["t"] != typ {
				if m["t"] == "error" && typ != "error" {
					c.t.Logf("(an error while waiting for %s: %v)", typ, m["msg"])
				}
				continue
			}
			v, _ := m["v"].(map[string]any)
			if v == nil {
				v = m
			}
			if ok == nil || ok(v) {
				return v
			}
		case <-c.closed:
			if len(c.in) > 0 {
				continue
			}
			c.t.Fatalf("the connection closed while waiting for %q", typ)
		case <-timeout:
			c.t.Fatalf("no %q message in 60 s", typ)
		}
	}
}

func status(want string) func(map[string]any) bool {
	return func(v map[string]any) bool { return v["status"] == want }
}

// classProcess is a cisim serve --class process and what it printed.
type classProcess struct {
	cmd                 *exec.Cmd
	stderr              *lockedBuffer
	base, code, teacher string // http://host:port, the join code, the teacher's URL
	key                 string
	done                chan error

	outMu sync.Mutex
	out   []string // the lines printed on stdout
}

// stdout is what the process printed so far.
func (p *classProcess) stdout() string {
	p.outMu.Lock()
	defer p.outMu.Unlock()
	return strings.Join(p.out, "\n")
}

var (
	codeLine    = regexp.MustCompile(`join code ([A-Z0-9]{6})`)
	teacherLine = regexp.MustCompile(`teacher opens (http://[^/ ]+)(/class/teacher#key=([0-9a-f]{32}))`)
)

// startClass runs cisim serve --class as a process of its own (the test
// binary as cisim) and waits for it to print its addresses.
func startClass(t *testing.T, args ...string) *classProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--class", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "CISIM_TEST_MAIN=1")
	p := &classProcess{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			p.outMu.Lock()
			p.out = append(p.out, sc.Text())
			if m := codeLine.FindStringSubmatch(sc.Text()); m != nil {
				p.code = m[1]
			}
			if m := teacherLine.FindStringSubmatch(sc.Text()); m != nil {
				p.base, p.teacher, p.key = m[1], m[1]+m[2], m[3]
				close(ready) // printed after the code
			}
			p.outMu.Unlock()
		}
		io.Copy(io.Discard, out)
		p.done <- cmd.Wait() // after the last line is kept
	}()
	t.Cleanup(func() { cmd.Process.Kill() })
	select {
	case <-ready:
	case err := <-p.done:
		t.Fatalf("cisim serve --class ended (%v): %s\n%s", err, p.stdout(), p.stderr)
	case <-time.After(60 * time.Second):
		t.Fatalf("no addresses printed in 60 s: %s\n%s", p.stdout(), p.stderr)
	}
	p.outMu.Lock()
	defer p.outMu.Unlock()
	return p
}

// stop ends the process with sig and returns its exit code.
func (p *classProcess) stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	p.cmd.Process.Signal(sig)
	select {
	case err := <-p.done:
		return exitCode(err)
	case <-time.After(30 * time.Second):
		t.Fatalf("cisim serve --class did not stop on %v", sig)
	}
	return 0
}
