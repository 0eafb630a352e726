package web

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/cisim/cisim/web/classroom"
	"github.com/cisim/cisim/web/lessons"
)

// playNatively plays step i of a lesson as the page does, with the engine run
// natively: the step's start (lessons.Begin), its run and change, its
// Monte Carlo if it has one, and the explanation filled from them.
func playNatively(t *testing.T, l *lessons.Lesson, i int) (lessons.Explanation, *classroom.Session) {
	t.Helper()
	s := classroom.New()
	if err := l.Begin(i, s); err != nil {
		t.Fatal(err)
	}
	if err := l.RunStep(i, s); err != nil {
		t.Fatal(err)
	}
	var bands *classroom.Bands
	if runs := l.Steps[i].Run.Runs; runs > 0 {
		mc, err := s.MonteCarlo(runs)
		if err != nil {
			t.Fatal(err)
		}
		for mc.Step(10) < runs {
		}
		b := mc.Bands()
		bands = &b
	}
	f := lessons.FromSession(s, bands)
	ex, err := l.Explain(i, &f)
	if err != nil {
		t.Fatal(err)
	}
	return ex, s
}

// active is the id of the element with the keyboard's focus.
func active(t *testing.T, ctx context.Context) string {
	t.Helper()
	return get(t, ctx, chromedp.Evaluate[string](`document.activeElement ? document.activeElement.id : ''`))
}

// TestBrowserLessonsByKeyboard plays every built-in lesson to its end with
// the keyboard alone, from the Lessons menu: at each step the first choice
// has the focus, Space picks it, Tab reaches Run, Enter runs, Enter skips
// the animation, and Enter goes on. Each explanation must be, word for word
// and number for number, the one the engine gives run natively for the
// same lesson, step and seed, and the verdict must name the choices the
// native run bears out. A screenshot of every explained step is kept, and
// the last step's worksheet is printed to PDF.
func TestBrowserLessonsByKeyboard(t *testing.T) {
	all := lessons.All()
	if len(all) < 7 {
		t.Fatalf("%d lessons, want at least the issue's seven", len(all))
	}
	ctx := pageIn(t, 10*time.Minute, projector)
	for _, l := range all {
		do(t, ctx, chromedp.Focus(chromedp.ID("open-lessons")), chromedp.KeyEvent(kb.Enter))
		waitFor(t, ctx, `document.getElementById('lessons-menu').open`)
		do(t, ctx, chromedp.Focus(chromedp.ID("lesson-"+l.ID)), chromedp.KeyEvent(kb.Enter))
		for i := range l.Steps {
			playStepByKeyboard(t, ctx, l, i)
		}
		if got := active(t, ctx); got != "lesson-worksheet" {
			t.Fatalf("%s: at the end the focus is on %q, want the worksheet button", l.ID, got)
		}
		do(t, ctx, chromedp.KeyEvent(kb.Enter))
		waitFor(t, ctx, `document.getElementById('worksheet').classList.contains('preview')`)
		checkWorksheet(t, ctx, l)
		if l.ID == all[0].ID {
			pdf := get(t, ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
			if !bytes.HasPrefix(pdf, []byte("%PDF")) {
				t.Errorf("the worksheet did not print as PDF")
			}
			artifact(t, "worksheet-"+l.ID+".pdf", pdf)
		}
		do(t, ctx, chromedp.Click(chromedp.ID("worksheet-close")), chromedp.Click(chromedp.ID("lesson-leave")))
	}
}

func playStepByKeyboard(t *testing.T, ctx context.Context, l *lessons.Lesson, i int) {
	t.Helper()
	where := fmt.Sprintf("%s step %d", l.ID, i+1)
	waitFor(t, ctx, fmt.Sprintf(`document.getElementById('lesson-card').dataset.step === '%d' && document.getElementById('lesson-card').dataset.stage === 'predict'`, i))
	if got := active(t, ctx); got != "choice-0" {
		t.Fatalf("%s: the focus is on %q, want the first choice", where, got)
	}
	do(t, ctx, chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.Tab))
	if got := active(t, ctx); got != "lesson-run" {
		t.Fatalf("%s: after Space and Tab the focus is on %q, want Run", where, got)
	}
	do(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `document.activeElement && document.activeElement.id === 'lesson-skip'`)
	do(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `document.getElementById('lesson-card').dataset.stage === 'explained'`)
	want, s := playNatively(t, l, i)
	if got := text(t, ctx, "#lesson-explain"); got != want.Text {
		t.Errorf("%s: the page explains\n%q\nthe engine run natively gives\n%q", where, got, want.Text)
	}
	if w := week(t, ctx); w != s.Week() {
		t.Errorf("%s: the page is at week %d, the native run at %d", where, w, s.Week())
	}
	verdict := text(t, ctx, "#lesson-verdict")
	for k, c := range l.Steps[i].Predict.Choices {
		if named := strings.Contains(verdict, "“"+c.Text+"”"); named != want.Holds[k] {
			t.Errorf("%s: the verdict %q names %q: %v, but the native run bears it out: %v", where, verdict, c.Text, named, want.Holds[k])
		}
	}
	if strings.Contains(verdict, "Your prediction holds") != want.Holds[0] {
		t.Errorf("%s: the verdict %q on the first choice, which the native run bears out: %v", where, verdict, want.Holds[0])
	}
	// The whole card, from its title to the button that goes on, is on
	// screen at 1280 × 720: the class reads the explanation without scrolling.
	card := boxes(t, ctx, "#lesson-title", "#lesson-card .actions button")
	if h := get(t, ctx, chromedp.Evaluate[float64](`innerHeight`)); card[0].Top < 0 || card[1].Bottom > h {
		t.Errorf("%s: the explained card runs from y = %.0f to %.0f, beyond the %.0f px window", where, card[0].Top, card[1].Bottom, h)
	}
	// No text below 24 px or cut, on the page or its canvases, whatever
	// designs the step sets.
	if small := get(t, ctx, chromedp.Evaluate[[]string](smallText)); len(small) > 0 {
		t.Errorf("%s: text below 24 px or cut: %q", where, small)
	}
	checkCanvases(t, ctx, where)
	artifact(t, fmt.Sprintf("lesson-%s-step%d.png", l.ID, i+1), get(t, ctx, chromedp.CaptureScreenshot()))
	if i < len(l.Steps)-1 {
		if got := active(t, ctx); got != "lesson-next" {
			t.Fatalf("%s: after the explanation the focus is on %q, want Next", where, got)
		}
		do(t, ctx, chromedp.KeyEvent(kb.Enter))
	}
}

// checkWorksheet checks the worksheet of a lesson played through: a part
// for every step with its question and choices, the prediction ticked,
// the numbers table and the explanation as the page gave them.
func checkWorksheet(t *testing.T, ctx context.Context, l *lessons.Lesson) {
	t.Helper()
	parts := get(t, ctx, chromedp.Evaluate[[]map[string]any](`Array.from(document.querySelectorAll('#worksheet section')).map((s) => ({
		text: s.textContent, ticked: Array.from(s.querySelectorAll('li')).findIndex((li) => li.querySelector('.box').textContent === '✓'),
		rows: s.querySelectorAll('table tr').length }))`))
	if len(parts) != len(l.Steps) {
		t.Fatalf("%s: the worksheet has %d parts, want one for each of %d steps", l.ID, len(parts), len(l.Steps))
	}
	for i, p := range parts {
		st := l.Steps[i]
		txt := p["text"].(string)
		if !strings.Contains(txt, st.Predict.Question) || !strings.Contains(txt, st.Title) {
			t.Errorf("%s worksheet part %d lacks its question or title", l.ID, i+1)
		}
		if p["ticked"].(float64) != 0 || p["rows"].(float64) != 4 {
			t.Errorf("%s worksheet part %d: ticked choice %v, %v table rows; want the first choice and a header, two sides and their difference", l.ID, i+1, p["ticked"], p["rows"])
		}
		if want, _ := playNatively(t, l, i); !strings.Contains(txt, want.Text) {
			t.Errorf("%s worksheet part %d lacks the step's explanation", l.ID, i+1)
		}
	}
	if n := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#worksheet img').length`)); n != 1 {
		t.Errorf("%s worksheet: %d images of the charts, want 1", l.ID, n)
	}
}
