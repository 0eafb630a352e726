package class_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cisim/cisim/web/class"
	"github.com/cisim/cisim/web/game"
	chrome "github.com/cisim/cisim/web/internal/browser"
)

// These tests drive the class pages in headless Chromium against a real
// `cisim serve --class` on loopback: a teacher and three students, each in
// a browser context of its own (its own localStorage, as on its own device).

// chromium returns the path of a Chromium or Chrome, or skips the test (as
// web/browser_test.go does).
func chromium(t *testing.T) string { return chrome.Chromium(t, "the class pages' browser tests") }

// freeAddr is a loopback address with a port nobody listens on; the
// server is started on it again after a crash, so that the pages find it.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// pageProblems collects what a page reported as wrong: uncaught
// exceptions, console errors and the browser's own errors, among them
// content security policy violations.
type pageProblems struct {
	mu      sync.Mutex
	seen    []string
	allowed []string
}

func (p *pageProblems) listen(who string) func(ev any) {
	return func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			msg = "uncaught exception: " + ev.ExceptionDetails.Text
			if ex := ev.ExceptionDetails.Exception; ex != nil {
				msg += " " + ex.Description
			}
		case *cdpruntime.EventConsoleAPICalled:
			if ev.Type != cdpruntime.ConsoleAPICalledTypeError && ev.Type != cdpruntime.ConsoleAPICalledTypeAssert {
				return
			}
			msg = "console." + string(ev.Type) + ":"
			for _, a := range ev.Args {
				msg += " " + a.Description + string(a.Value)
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level != cdplog.EntryLevelError && ev.Entry.Source != cdplog.EntrySourceSecurity {
				return
			}
			msg = "browser " + string(ev.Entry.Source) + " " + string(ev.Entry.Level) + ": " + ev.Entry.Text + " " + ev.Entry.URL
		default:
			return
		}
		p.mu.Lock()
		p.seen = append(p.seen, who+": "+msg)
		p.mu.Unlock()
	}
}

func (p *pageProblems) allow(substr string) {
	p.mu.Lock()
	p.allowed = append(p.allowed, substr)
	p.mu.Unlock()
}

func (p *pageProblems) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, msg := range p.seen {
		if !slices.ContainsFunc(p.allowed, func(a string) bool { return strings.Contains(msg, a) }) {
			t.Errorf("a page reported: %s", msg)
		}
	}
}

// browser is one headless Chromium; each page in it is a device of its own.
type browser struct {
	ctx      context.Context
	problems *pageProblems
}

func newBrowser(t *testing.T, limit time.Duration) *browser {
	t.Helper()
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	b := &browser{ctx: ctx, problems: &pageProblems{}}
	t.Cleanup(func() { b.problems.check(t) })
	return b
}

// device opens a page of its own browser context (its own storage) at
// w × h CSS pixels.
func (b *browser) device(t *testing.T, who string, w, h int64) context.Context {
	t.Helper()
	ctx, _ := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(b.problems.listen(who)))
	do(t, ctx, chromedp.EmulateViewport(w, h))
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[T](js))
}

// waitFor polls a JavaScript condition on a page until it holds, for at
// most limit; then it fails with what the page says.
func waitFor(t *testing.T, ctx context.Context, limit time.Duration, cond string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(25*time.Millisecond))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({body: {...document.body.dataset}, conn: document.getElementById('conn').textContent,
			error: (document.getElementById('error') || document.getElementById('decide-error') || {}).textContent})`))
		t.Fatalf("waiting for %s: %v (the page: %s)", cond, err, state)
	}
}

// artifact keeps a file for people to look at: $CISIM_ARTIFACTS, or
// web/testdata/artifacts beside the classroom page's.
func artifact(t *testing.T, name string, b []byte) {
	t.Helper()
	dir := os.Getenv("CISIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("kept %s", path)
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	artifact(t, t.Name()+"-"+name, get(t, ctx, chromedp.FullScreenshot(100)))
}

// student is one student's device and the role it plays.
type student struct {
	name, role string
	ctx        context.Context
}

const (
	teacherLive = `document.body.dataset.stage === 'live'`
	connected   = `document.getElementById('conn').dataset.state === 'open'`
)

func roundIs(n int, status string) string {
	return fmt.Sprintf(`document.body.dataset.round === '%d' && document.body.dataset.status === '%s'`, n, status)
}

// join opens the student page with the code in its address and picks role.
func join(t *testing.T, s *student, base, code string) {
	t.Helper()
	do(t, s.ctx, chromedp.Navigate(base+"/class/?code="+code))
	waitFor(t, s.ctx, 10*time.Second, `document.body.dataset.stage === 'pick'`)
	sel := fmt.Sprintf(`#roles-list button[data-role=%q]`, s.role)
	if dis := eval[bool](t, s.ctx, `document.querySelector('`+sel+`').disabled`); dis {
		t.Fatalf("%s: role %s is not free", s.name, s.role)
	}
	// By keyboard: the role's button focused, Enter picks it.
	do(t, s.ctx, chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(kb.Enter))
	waitFor(t, s.ctx, 10*time.Second, fmt.Sprintf(`document.body.dataset.stage === 'play' && document.body.dataset.role === %q && !!window.cisimClass.view`, s.role))
}

// decide moves the student's controls by keyboard (each slider k steps
// right, or left when k < 0; the checkboxes and the choice of what to
// bring by Space and arrows), sends, and waits for the server's ack.
func decide(t *testing.T, s *student, round, k int) {
	t.Helper()
	waitFor(t, s.ctx, 10*time.Second, roundIs(round, "open")+` && !document.getElementById('submit').disabled`)
	key := kb.ArrowRight
	if k < 0 {
		key, k = kb.ArrowLeft, -k
	}
	sliders := eval[[]string](t, s.ctx, `[...document.querySelectorAll('#controls input[type=range]')].map((e) => e.id)`)
	for _, id := range sliders {
		do(t, s.ctx, chromedp.Focus(chromedp.ID(id)))
		for range k {
			do(t, s.ctx, chromedp.KeyEvent(key))
		}
	}
	if eval[bool](t, s.ctx, `!!document.getElementById('d-bring-needs')`) && round%2 == 0 {
		do(t, s.ctx, chromedp.Focus(chromedp.ID("d-bring-needs")), chromedp.KeyEvent(" "))
	}
	if eval[bool](t, s.ctx, `!!document.getElementById('d-share')`) && round == 3 {
		do(t, s.ctx, chromedp.Focus(chromedp.ID("d-share")), chromedp.KeyEvent(" "))
	}
	do(t, s.ctx, chromedp.Focus(chromedp.ID("submit")), chromedp.KeyEvent(kb.Enter))
	waitFor(t, s.ctx, 10*time.Second, fmt.Sprintf(`document.getElementById('ack').dataset.round === '%d'`, round))
}

// decidedOnTeacher waits until the teacher's screen shows every student's
// role as decided.
func decidedOnTeacher(t *testing.T, tctx context.Context, students []*student) {
	t.Helper()
	for _, s := range students {
		waitFor(t, tctx, 10*time.Second, fmt.Sprintf(`(document.querySelector('#roles-table tr[data-role=%q]') || {dataset: {}}).dataset.decided === 'true'`, s.role))
	}
}

// openRound opens the next round on the teacher's page, with a time limit.
func openRound(t *testing.T, tctx context.Context, round, seconds int) {
	t.Helper()
	waitFor(t, tctx, 10*time.Second, `!document.getElementById('open').disabled`)
	do(t, tctx, chromedp.SetValue(chromedp.ID("seconds"), strconv.Itoa(seconds)), chromedp.Click(chromedp.ID("open")))
	waitFor(t, tctx, 10*time.Second, roundIs(round, "open"))
}

func closeRound(t *testing.T, tctx context.Context, round, rounds int) {
	t.Helper()
	do(t, tctx, chromedp.Click(chromedp.ID("close")))
	status := "closed"
	if round == rounds {
		status = "over"
	}
	waitFor(t, tctx, 20*time.Second, roundIs(round, status))
}

// launcher starts the class server the pages talk to, always on the same
// address and folder, and kills it.
type launcher interface {
	start(t *testing.T) (code, teacherPath string) // teacherPath: /class/teacher#key=…
	kill()
}

// played is a game played through the pages: the teacher's page and the
// students'.
type played struct {
	teacher  context.Context
	students []*student
}

// playGame plays a whole short game through the pages: a teacher and three
// students join (one on a phone's screen, by keyboard; one opens a second
// tab, which takes its seat), the rounds are played, one student reloads
// its page in the middle of round 2 and keeps its role, the server is
// killed in the middle of round 3 (after one student has decided) and
// started again on its checkpoint, the pages reconnect by themselves and
// the game goes on; the last round closes when its time runs out.
func playGame(t *testing.T, br *browser, l launcher, addr string, rounds int) played {
	t.Helper()
	// Chromium logs each refused WebSocket while the server is down.
	br.problems.allow("WebSocket connection to")
	br.problems.allow("net::ERR_CONNECTION_REFUSED")
	code, teacherPath := l.start(t)
	base := "http://" + addr
	tctx := br.device(t, "teacher", 1280, 720)
	do(t, tctx, chromedp.Navigate(base+teacherPath))
	waitFor(t, tctx, 10*time.Second, teacherLive)
	if got := eval[string](t, tctx, `document.getElementById('join-code').textContent`); got != code {
		t.Fatalf("the teacher's screen shows the join code %q, the server printed %q", got, code)
	}
	roles := eval[[]string](t, tctx, `window.cisimClass.view.roles.map((r) => r.id)`)
	students := pickRoles(t, br, roles)
	for _, s := range students {
		join(t, s, base, code)
	}
	for _, s := range students {
		waitFor(t, tctx, 10*time.Second, fmt.Sprintf(`(document.querySelector('#roles-table tr[data-role=%q]') || {dataset: {}}).dataset.online === 'true'`, s.role))
	}
	checkPhone(t, students[0].ctx)
	anotherTab(t, br, students[2], base)
	for round := 1; round <= rounds; round++ {
		playRound(t, l, code, tctx, students, round, rounds)
	}
	waitFor(t, tctx, 10*time.Second, `document.body.dataset.debrief === 'true'`)
	for _, s := range students {
		waitFor(t, s.ctx, 10*time.Second, roundIs(rounds, "over"))
		if n := eval[int](t, tctx, fmt.Sprintf(`document.querySelectorAll('#debrief-roles section[data-role=%q] tbody tr').length`, s.role)); n != rounds {
			t.Errorf("the debrief shows %d rounds for %s, want %d", n, s.role, rounds)
		}
	}
	screenshot(t, tctx, "teacher-debrief.png")
	if w := eval[[]int](t, tctx, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("at the end the teacher's page is %d px wide in a %d px window", w[0], w[1])
	}
	checkContrast(t, tctx, "the teacher's page")
	checkContrast(t, students[0].ctx, "the student's page")
	checkDownloads(t, tctx)
	return played{tctx, students}
}

// playRound opens a round (the last with a time limit short enough to run
// out), has the students decide, and closes it.
func playRound(t *testing.T, l launcher, code string, tctx context.Context, students []*student, round, rounds int) {
	t.Helper()
	seconds := 600
	if round == rounds {
		seconds = 6
	}
	openRound(t, tctx, round, seconds)
	for i, s := range students {
		switch {
		case round == 2 && i == 1:
			reloadMidRound(t, s, round)
		case round == 3 && i == 1:
			restartMidRound(t, l, code, tctx, students, round)
		}
		decide(t, s, round, round-3)
	}
	decidedOnTeacher(t, tctx, students)
	if round == 1 {
		screenshot(t, students[0].ctx, "student-phone.png")
		checkContrast(t, students[0].ctx, "the student's page, a round open")
		checkContrast(t, tctx, "the teacher's page, a round open")
	}
	if round == rounds {
		waitFor(t, tctx, 20*time.Second, roundIs(round, "over"))
		return
	}
	closeRound(t, tctx, round, rounds)
	waitFor(t, students[0].ctx, 10*time.Second, roundIs(round, "closed")+` && !document.getElementById('compare').hidden`)
}

// pickRoles gives the three students a funder's role if there is one
// (with the pooled fund's slider), the youth representative's (with its
// voice), and one more.
func pickRoles(t *testing.T, br *browser, roles []string) []*student {
	t.Helper()
	want := []string{}
	for _, r := range roles {
		if r == "foundation" || strings.Contains(r, "fund") {
			want = append(want, r)
			break
		}
	}
	if slices.Contains(roles, "youth") {
		want = append(want, "youth")
	}
	for _, r := range roles {
		if len(want) < 3 && !slices.Contains(want, r) {
			want = append(want, r)
		}
	}
	if len(want) < 3 {
		t.Fatalf("the game has %d roles (%v), want at least three", len(roles), roles)
	}
	sizes := [][2]int64{{375, 740}, {768, 1024}, {1280, 800}} // a phone, a tablet, a laptop
	out := make([]*student, 3)
	for i := range out {
		name := fmt.Sprintf("student %d", i+1)
		out[i] = &student{name: name, role: want[i], ctx: br.device(t, name, sizes[i][0], sizes[i][1])}
	}
	return out
}

// anotherTab opens the student page again in a second tab of a student's
// browser, with no code in its address (the page takes it, and the token,
// from localStorage): the new tab gets the role, and the old one says that
// it has stopped rather than fight it for the seat.
func anotherTab(t *testing.T, br *browser, s *student, base string) {
	t.Helper()
	ctx, _ := chromedp.NewContext(s.ctx, chromedp.WithListener(br.problems.listen(s.name+", second tab")))
	do(t, ctx, chromedp.EmulateViewport(800, 900), chromedp.Navigate(base+"/class/"))
	waitFor(t, ctx, 10*time.Second, fmt.Sprintf(`document.body.dataset.role === %q && `, s.role)+connected)
	waitFor(t, s.ctx, 10*time.Second, `!document.getElementById('stopped').hidden`)
	s.ctx = ctx
}

// checkPhone checks that the student page fits a phone's width (nothing to
// scroll sideways) and that every control has a label.
func checkPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	if w := eval[[]int](t, ctx, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("on a phone the student page is %d px wide in a %d px window", w[0], w[1])
	}
	unlabelled := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('input, select, textarea, button'))
		.filter((el) => {
			const has = (s) => !!(s && s.trim());
			if (Array.from(el.labels || []).some((l) => has(l.textContent))) return false;
			if (has(el.getAttribute('aria-label'))) return false;
			return !(el.tagName === 'BUTTON' && has(el.textContent));
		}).map((el) => el.id || el.outerHTML.slice(0, 80))`)
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label on the student page: %v", unlabelled)
	}
}

// reloadMidRound reloads a student's page before it decides: it must come
// back with the same role (its token was in localStorage) and the round
// still open.
func reloadMidRound(t *testing.T, s *student, round int) {
	t.Helper()
	do(t, s.ctx, chromedp.Reload())
	waitFor(t, s.ctx, 10*time.Second, fmt.Sprintf(`document.body.dataset.role === %q && `, s.role)+roundIs(round, "open"))
}

// restartMidRound kills the server after the first student has decided
// and before the others have, starts it again on the same folder and
// address, and waits for every page to reconnect by itself. The round is
// given back paused (the server's rule), so the teacher resumes it.
func restartMidRound(t *testing.T, l launcher, code string, tctx context.Context, students []*student, round int) {
	t.Helper()
	l.kill()
	for _, ctx := range []context.Context{tctx, students[2].ctx} {
		waitFor(t, ctx, 10*time.Second, `document.getElementById('conn').dataset.state !== 'open'`)
	}
	if again, _ := l.start(t); again != code {
		t.Fatalf("after the restart the join code is %q, was %q", again, code)
	}
	waitFor(t, tctx, 15*time.Second, connected+` && `+roundIs(round, "paused"))
	for _, s := range students {
		waitFor(t, s.ctx, 15*time.Second, connected+fmt.Sprintf(` && document.body.dataset.role === %q && `, s.role)+roundIs(round, "paused"))
	}
	// The first student's decision, sent before the crash, was kept.
	waitFor(t, tctx, 5*time.Second, fmt.Sprintf(`document.querySelector('#roles-table tr[data-role=%q]').dataset.decided === 'true'`, students[0].role))
	do(t, tctx, chromedp.Click(chromedp.ID("resume")))
	waitFor(t, tctx, 10*time.Second, roundIs(round, "open"))
}

// checkDownloads fetches the record and the CSV by the teacher's links.
func checkDownloads(t *testing.T, tctx context.Context) {
	t.Helper()
	for _, id := range []string{"record-link", "csv-link"} {
		js := fmt.Sprintf(`fetch(document.getElementById(%q).href).then((r) => r.status)`, id)
		if code := get(t, tctx, chromedp.Evaluate[int](js, chromedp.EvalAwaitPromise)); code != 200 {
			t.Errorf("the teacher's %s answers %d", id, code)
		}
	}
}

// textColours lists every visible text's colour and its ground: the first
// ancestor with a background that is not transparent (as
// web/browser_contrast_test.go reads the classroom page).
const textColours = `(() => {
	const out = [];
	const seen = new Set();
	const ground = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const bg = getComputedStyle(e).backgroundColor;
			if (bg && bg !== 'transparent' && !/rgba\(.*, 0\)$/.test(bg)) return bg;
		}
		return 'rgb(255, 255, 255)';
	};
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el || el.closest('template, noscript, option')) continue;
		if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
		const fg = getComputedStyle(el).color, bg = ground(el);
		if (seen.has(fg + '|' + bg)) continue;
		seen.add(fg + '|' + bg);
		out.push([n.textContent.trim().slice(0, 30), fg, bg]);
	}
	return out;
})()`

// luminance is a CSS rgb() or rgba() colour's relative luminance (WCAG
// 2), a colour partly transparent laid on white.
func luminance(t *testing.T, c string) float64 {
	t.Helper()
	inner := c[strings.IndexByte(c, '(')+1 : strings.LastIndexByte(c, ')')]
	parts := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) < 3 {
		t.Fatalf("colour %q", c)
	}
	alpha := 1.0
	if len(parts) == 4 {
		alpha, _ = strconv.ParseFloat(parts[3], 64)
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		x, err := strconv.ParseFloat(parts[i], 64)
		if err != nil {
			t.Fatalf("colour %q: %v", c, err)
		}
		x = (alpha*x + (1-alpha)*255) / 255
		if x <= 0.04045 {
			x /= 12.92
		} else {
			x = math.Pow((x+0.055)/1.055, 2.4)
		}
		l += w * x
	}
	return l
}

// checkContrast checks every text on a page at least 4.5:1 on its ground.
func checkContrast(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	for _, p := range eval[[][3]string](t, ctx, textColours) {
		a, b := luminance(t, p[1]), luminance(t, p[2])
		if a < b {
			a, b = b, a
		}
		if r := (a + 0.05) / (b + 0.05); r < 4.5 {
			t.Errorf("%s: %q is %s on %s, %.2f:1 (want 4.5:1)", page, p[0], p[1], p[2], r)
		}
	}
}

// buildCisim builds the command into a temporary folder: the test runs the
// binary a teacher runs, not the package behind it.
func buildCisim(t *testing.T) string {
	t.Helper()
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		gobin = "go"
	}
	bin := filepath.Join(t.TempDir(), "cisim")
	out, err := exec.Command(gobin, "build", "-o", bin, "github.com/cisim/cisim/cmd/cisim").CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./cmd/cisim: %v\n%s", err, out)
	}
	return bin
}

// lines is what a server printed, kept for the test's messages.
type lines struct {
	mu  sync.Mutex
	all []string
}

func (l *lines) add(s string) {
	l.mu.Lock()
	l.all = append(l.all, s)
	l.mu.Unlock()
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.all, "\n")
}

// classServer is one run of `cisim serve --class`.
type classServer struct {
	cmd     *exec.Cmd
	out     *lines
	done    chan struct{}
	code    string // the join code it printed
	teacher string // the teacher's address it printed, with its key
}

var (
	teacherRE = regexp.MustCompile(`https?://\S+/class/teacher#key=[0-9a-f]{32}`)
	codeRE    = regexp.MustCompile(`join code ([0-9A-Z]+)|/class/\?code=([0-9A-Z]+)`)
)

// startServer starts the server on addr with the record in dir, and waits
// until it has printed the join code and the teacher's address.
func startServer(t *testing.T, bin, addr, dir string, args ...string) *classServer {
	t.Helper()
	all := append([]string{"serve", "--class", "--addr", addr, "--record", dir}, args...)
	cmd := exec.Command(bin, all...)
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &classServer{cmd: cmd, out: &lines{}, done: make(chan struct{})}
	found := make(chan struct{})
	go func() {
		signalled := false // found is the test's to read: the reader keeps its own flag
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			s.out.add(line)
			if m := codeRE.FindStringSubmatch(line); m != nil && s.code == "" {
				s.code = m[1] + m[2]
			}
			if m := teacherRE.FindString(line); m != "" && s.teacher == "" {
				s.teacher = m
			}
			if s.code != "" && s.teacher != "" && !signalled {
				close(found)
				signalled = true
			}
		}
	}()
	go func() { cmd.Wait(); pw.Close(); close(s.done) }()
	t.Cleanup(s.kill)
	select {
	case <-found:
	case <-s.done:
		t.Fatalf("cisim %s ended before printing its addresses:\n%s", strings.Join(all, " "), s.out)
	case <-time.After(15 * time.Second):
		t.Fatalf("cisim %s printed no join code and teacher address in 15 s:\n%s", strings.Join(all, " "), s.out)
	}
	return s
}

// kill ends the server at once, as a crash or a closed laptop would: what
// it kept is what its checkpoint had written.
func (s *classServer) kill() {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Kill()
	<-s.done
}

// binLauncher runs `cisim serve --class`.
type binLauncher struct {
	bin, addr, dir string
	args           []string
	srv            *classServer
}

func (l *binLauncher) start(t *testing.T) (string, string) {
	t.Helper()
	l.srv = startServer(t, l.bin, l.addr, l.dir, l.args...)
	i := strings.Index(l.srv.teacher, "/class/teacher#key=")
	return l.srv.code, l.srv.teacher[i:]
}

func (l *binLauncher) kill() { l.srv.kill() }

// finalSeries are the charted series whose last values the teacher's
// screen reads out; finalNumbers the numbers of its table of both
// partnerships now.
var (
	finalSeries  = []string{"outcomes", "alignment", "mean_trust", "members", "cost"}
	finalNumbers = []string{"outcomes", "participant_rate", "in_need", "mean_trust", "alignment", "members", "cost"}
)

// shownValue is the full number an element of the teacher's page holds.
func shownValue(t *testing.T, tctx context.Context, id string) (float64, string) {
	t.Helper()
	got := eval[string](t, tctx, fmt.Sprintf(`(document.getElementById(%q) || {dataset: {}}).dataset.value || ''`, id))
	v, err := strconv.ParseFloat(got, 64)
	if err != nil {
		t.Errorf("#%s holds %q, not a number", id, got)
	}
	return v, eval[string](t, tctx, fmt.Sprintf(`(document.getElementById(%q) || {}).textContent`, id))
}

// same reports whether two numbers agree to the last bits (JSON's and
// JavaScript's shortest forms of a float64 read back to the same float64).
func same(a, b float64) bool { return a == b || math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(a)) }

// checkFinal compares the teacher's last numbers with a replay of the
// saved record: web/game.Replay's teacher view, value for value, and what
// `cisim replay` prints.
func checkFinal(t *testing.T, tctx context.Context, bin, record string) {
	t.Helper()
	rec, err := game.ReadRecord(record)
	if err != nil {
		t.Fatal(err)
	}
	g, err := game.Replay(rec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(g.TeacherView())
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Played, Alone map[string][]float64
		Now           map[string]float64
		AloneNow      map[string]float64 `json:"alone_now"`
	}
	if err = json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	printed := map[string]float64{}
	for side, series := range map[string]map[string][]float64{"played": want.Played, "alone": want.Alone} {
		for _, k := range finalSeries {
			xs := series[k]
			if len(xs) == 0 {
				t.Fatalf("the replay's %s series %s is empty", side, k)
			}
			id := "v-" + side + "-" + k
			if v, text := shownValue(t, tctx, id); !same(v, xs[len(xs)-1]) {
				t.Errorf("#%s at the end: the teacher's screen %v (%s), the replay %v", id, v, text, xs[len(xs)-1])
			}
		}
	}
	for side, nums := range map[string]map[string]float64{"played": want.Now, "alone": want.AloneNow} {
		for _, k := range finalNumbers {
			id := "n-" + side + "-" + k
			v, text := shownValue(t, tctx, id)
			if !same(v, nums[k]) {
				t.Errorf("#%s at the end: the teacher's screen %v (%s), the replay %v", id, v, text, nums[k])
			}
			if k == "outcomes" || k == "in_need" || k == "mean_trust" || k == "members" {
				printed[id] = nums[k]
			}
		}
	}
	out, err := exec.Command(bin, "replay", record).CombinedOutput()
	if err != nil {
		t.Fatalf("cisim replay: %v\n%s", err, out)
	}
	t.Logf("cisim replay %s:\n%s", record, out)
	checkReplayPrint(t, string(out), printed)
}

// TestBrowserClassGame plays the game of playGame against a built
// `cisim serve --class` on loopback, killed (as a crash would) in the
// middle of round 3 and started again on its record folder; the teacher's
// final numbers must be those of a replay of the saved record, value for
// value by web/game.Replay, and as `cisim replay` prints them.
func TestBrowserClassGame(t *testing.T) {
	const rounds = 5
	chromium(t)
	bin := buildCisim(t)
	br := newBrowser(t, 90*time.Second)
	addr, dir := freeAddr(t), t.TempDir()
	l := &binLauncher{bin: bin, addr: addr, dir: dir,
		args: []string{"--design", "collective-impact", "--seed", "3", "--rounds", strconv.Itoa(rounds), "--round", "quarter"}}
	p := playGame(t, br, l, addr, rounds)
	checkFinal(t, p.teacher, bin, filepath.Join(dir, "record.json"))
}

// numberRE finds the numbers a command printed, with a per cent sign if
// they have one.
var numberRE = regexp.MustCompile(`-?[0-9]+(?:\.[0-9]+)?%?`)

// printedAs reports whether some number in out is v as printed to its own
// precision (a share may be printed per cent).
func printedAs(out string, v float64) bool {
	for _, tok := range numberRE.FindAllString(out, -1) {
		x, scale := tok, 1.0
		if strings.HasSuffix(tok, "%") {
			x, scale = strings.TrimSuffix(tok, "%"), 100
		}
		f, err := strconv.ParseFloat(x, 64)
		if err != nil {
			continue
		}
		decimals := 0
		if i := strings.IndexByte(x, '.'); i >= 0 {
			decimals = len(x) - i - 1
		}
		if math.Abs(f-scale*v) <= 0.5*math.Pow(10, -float64(decimals))+1e-9 {
			return true
		}
	}
	return false
}

// checkReplayPrint checks that `cisim replay` printed the final numbers
// of both partnerships that the teacher's screen shows.
func checkReplayPrint(t *testing.T, out string, want map[string]float64) {
	t.Helper()
	for id, v := range want {
		if !printedAs(out, v) {
			t.Errorf("cisim replay does not print %s = %v, which the teacher's screen shows", id, v)
		}
	}
}

// pageGame is a small stand-in for web/game with the views' shapes (see
// web/game's RoleView and TeacherView): four roles, among them a funder
// and the youth representative, and numbers that follow the decisions
// simply, so that a test of the pages alone knows what they must show.
type pageGame struct {
	mu        sync.Mutex
	round     int
	status    string
	rounds    int
	decisions map[string]map[string]any   // in force, by role
	decided   map[string]bool             // this round
	log       map[string][]map[string]any // every round's decision, by role
	outcomes  []float64                   // played: the sum of agenda shares so far, a week a round
}

var pageRoles = []class.Role{
	{ID: "malmo-city", Name: "Malmö City", Kind: "public"}, {ID: "foundation", Name: "Foundation", Kind: "funder"},
	{ID: "ikea", Name: "IKEA", Kind: "private"}, {ID: "youth", Name: "Youth representative", Kind: "youth"},
}

func newPageGame(rounds int) *pageGame {
	return &pageGame{status: "lobby", rounds: rounds, decisions: map[string]map[string]any{},
		decided: map[string]bool{}, log: map[string][]map[string]any{}, outcomes: []float64{0}}
}

func (g *pageGame) Roles() []class.Role { return pageRoles }

func (g *pageGame) State() (int, string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.round, g.status
}

func (g *pageGame) Open() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.status == "open" || g.status == "over" {
		return fmt.Errorf("the game is %s", g.status)
	}
	g.round++
	g.status, g.decided = "open", map[string]bool{}
	return nil
}

func (g *pageGame) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.status != "open" {
		return fmt.Errorf("no round is open")
	}
	sum := g.outcomes[len(g.outcomes)-1]
	for _, r := range pageRoles {
		d := g.decisions[r.ID]
		g.log[r.ID] = append(g.log[r.ID], d)
		if a, ok := d["agenda"].(float64); ok {
			sum += a
		}
	}
	g.outcomes = append(g.outcomes, sum)
	g.status = "closed"
	if g.round == g.rounds {
		g.status = "over"
	}
	return nil
}

func (g *pageGame) Decide(role string, raw json.RawMessage) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	var d map[string]any
	if err := json.Unmarshal(raw, &d); err != nil {
		return err
	}
	for k, v := range d {
		can := pageCan(role)
		if !can[k] {
			return fmt.Errorf("%s: not a decision of %s", k, role)
		}
		if x, ok := v.(float64); ok && (x < 0 || x > 1) {
			return fmt.Errorf("%s: want a share from 0 to 1", k)
		}
	}
	g.decisions[role], g.decided[role] = d, true
	return nil
}

func pageCan(role string) map[string]bool {
	return map[string]bool{"agenda": role != "youth", "pool": role == "foundation", "attend": role != "youth",
		"bring": role != "youth", "share": role != "youth" && role != "foundation", "stay": role != "youth", "voice": role == "youth"}
}

var pageRule = map[string]any{"agenda": 0.4, "pool": 0.3, "attend": true, "bring": "own", "share": true, "stay": true,
	"voice": []float64{0.2, 0.2, 0.2, 0.2, 0.2}}

func (g *pageGame) RoleView(role string) any {
	g.mu.Lock()
	defer g.mu.Unlock()
	var name, kind string
	for _, r := range pageRoles {
		if r.ID == role {
			name, kind = r.Name, r.Kind
		}
	}
	return map[string]any{"round": g.round, "rounds": g.rounds, "status": g.status, "week": 13 * g.round, "weeks": 13 * g.rounds,
		"role": map[string]any{"id": role, "name": name, "kind": kind, "member": true, "budget": 3e6, "staff_hours": 400, "free_hours": 120,
			"kpis":      []map[string]any{{"domain": "education", "weight": 0.6, "value": 0.3}, {"domain": "mental_health", "weight": 0.4, "value": 0.2}},
			"judged_by": "its board", "trust": []map[string]any{{"id": "ikea", "name": "IKEA <b>", "trust": 0.5}}, "mandate": 0.6, "commitment": 0.5,
			"can": pageCan(role), "decision": g.decisions[role], "rule": pageRule, "notes": []string{"<img src=x onerror=alert(1)>"}},
		"partnership": map[string]any{"phase": "initiation", "agreed": false, "agenda": []float64{0.2, 0.2, 0.2, 0.2, 0.2},
			"domains": []string{"education", "employment", "mental_health", "housing", "social"}, "members": 4, "meeting_due": 13*g.round + 2,
			"young_in_need": 400, "outcomes": g.outcomes[len(g.outcomes)-1], "events": []map[string]any{{"week": 1, "text": "The partnership met"}}}}
}

func (g *pageGame) TeacherView() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	roles, actors := []map[string]any{}, []map[string]any{}
	trust := [][]float64{}
	for i, r := range pageRoles {
		roles = append(roles, map[string]any{"id": r.ID, "name": r.Name, "kind": r.Kind, "member": true, "decided": g.decided[r.ID]})
		if r.ID != "youth" {
			actors = append(actors, map[string]any{"id": r.ID, "name": r.Name, "kind": r.Kind, "member": true})
			trust = append(trust, []float64{0.3 + 0.1*float64(i), 0.5, 0.6})
		}
	}
	weeks := make([]int, len(g.outcomes))
	alone, flat := make([]float64, len(g.outcomes)), make([]float64, len(g.outcomes))
	for k := range weeks {
		weeks[k], alone[k], flat[k] = 13*k, 0.3*float64(k), 0.5
	}
	series := func(out []float64) map[string]any {
		return map[string]any{"weeks": weeks, "outcomes": out, "mean_trust": flat, "members": flat, "cost": out, "alignment": flat}
	}
	numbers := func(out []float64) map[string]any {
		return map[string]any{"week": 13 * g.round, "outcomes": out[len(out)-1], "participant_rate": 0.5, "in_need": 300,
			"mean_trust": 0.5, "members": 3, "cost": out[len(out)-1], "alignment": 0.5}
	}
	return map[string]any{"round": g.round, "rounds": g.rounds, "status": g.status, "week": 13 * g.round, "weeks": 13 * g.rounds,
		"design": "a stand-in", "roles": roles, "partnership": map[string]any{"phase": "initiation"},
		"played": series(g.outcomes), "alone": series(alone), "now": numbers(g.outcomes), "alone_now": numbers(alone),
		"network": map[string]any{"actors": actors, "trust": trust},
		"events":  []map[string]any{{"week": 1, "text": "The partnership met"}}, "decisions": g.decisions}
}

func (g *pageGame) Debrief() any {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := []map[string]any{}
	for _, r := range pageRoles {
		rounds := []map[string]any{}
		for k, d := range g.log[r.ID] {
			rounds = append(rounds, map[string]any{"round": k + 1, "decision": d, "rule": pageRule, "differs": d != nil})
		}
		out = append(out, map[string]any{"id": r.ID, "name": r.Name, "rounds": rounds, "effect": 0.5})
	}
	return map[string]any{"roles": out}
}

func (g *pageGame) WriteRecord(path string) error {
	g.mu.Lock()
	b, err := json.Marshal(map[string]any{"round": g.round, "status": g.status, "log": g.log})
	g.mu.Unlock()
	if err != nil {
		return err
	}
	return class.WriteFileAtomic(path, b, 0o644)
}

func (g *pageGame) WriteCSV(w io.Writer) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	for role, ds := range g.log {
		for k, d := range ds {
			fmt.Fprintf(w, "%d,%s,%v\n", k+1, role, d)
		}
	}
	return nil
}

// inLauncher serves the class in the test's own process, with the stand-in
// game: a restart is a new class.Server over the same folder (its join
// code, key and seats from the checkpoint) and the same game (what a
// replay of the record gives back).
type inLauncher struct {
	g         *pageGame
	addr, dir string
	srv       *class.Server
	hs        *http.Server
	served    chan struct{}
}

func (l *inLauncher) start(t *testing.T) (string, string) {
	t.Helper()
	srv, err := class.New(class.Options{Game: l.g, Dir: l.dir, Base: "http://" + l.addr})
	if err != nil {
		t.Fatal(err)
	}
	var ln net.Listener
	for try := 0; ; try++ { // the port the last server let go of may take a moment
		if ln, err = net.Listen("tcp", l.addr); err == nil || try == 50 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	l.srv, l.hs, l.served = srv, &http.Server{Handler: srv}, make(chan struct{})
	go func() { l.hs.Serve(ln); close(l.served) }()
	t.Cleanup(l.kill)
	key := srv.TeacherURL("")
	return srv.Code(), key[strings.Index(key, "/class/teacher"):]
}

func (l *inLauncher) kill() {
	if l.hs == nil {
		return
	}
	l.srv.Stop()
	l.hs.Close()
	<-l.served
	l.hs = nil
}

// TestBrowserClassPages plays a game of five rounds through the pages
// against the class server (package web/class, in this process) and a
// stand-in game: joining by code, roles, decisions by keyboard, a reload
// and a restart mid-round, a round closed by its timer, the debrief and
// the downloads. The pages must show what the game's views hold: the
// teacher's last numbers are the stand-in's, which sums the agenda shares
// every role decided (the model's rule, 0.4, for the one no student plays).
func TestBrowserClassPages(t *testing.T) {
	const rounds = 5
	br := newBrowser(t, 60*time.Second)
	addr := freeAddr(t)
	g := newPageGame(rounds)
	p := playGame(t, br, &inLauncher{g: g, addr: addr, dir: t.TempDir()}, addr, rounds)
	want := g.outcomes[len(g.outcomes)-1]
	for _, id := range []string{"v-played-outcomes", "n-played-outcomes"} {
		got := eval[string](t, p.teacher, fmt.Sprintf(`document.getElementById(%q).dataset.value`, id))
		if v, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(v-want) > 1e-12 {
			t.Errorf("the teacher's last outcome (#%s) reads %q, the game's is %v", id, got, want)
		}
	}
	// Text from the game (and so from students and scenario files) is text:
	// the markup in a note and a name must show as it is, not run.
	if n := eval[int](t, p.students[0].ctx, `document.querySelectorAll('#notes img, #trust b').length`); n != 0 {
		t.Errorf("markup in the game's strings became %d elements on the student page", n)
	}
	if txt := eval[string](t, p.students[0].ctx, `document.getElementById('notes').textContent`); !strings.Contains(txt, "<img") {
		t.Errorf("the note reads %q, want its text as it is", txt)
	}
}
