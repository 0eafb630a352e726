package lessons

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cisim/cisim/web/classroom"
)

// check checks a step that begins with the designs configs at week week,
// works out its designs and weeks, and returns the designs and the week it
// leaves the run at.
func (s *Step) check(at string, configs [2]classroom.Config, week, horizon int, horizons map[string]int) ([2]classroom.Config, int, error) {
	var err error
	if strings.TrimSpace(s.Title) == "" {
		return configs, week, problem(at, "a step needs a title")
	}
	for i, key := range s.Levers {
		if _, ok := classroom.LeverOf(key); !ok {
			return configs, week, problem(fmt.Sprintf("%s.levers[%d]", at, i), "no lever %q", key)
		}
	}
	if s.Set != nil {
		s.Restart = true
		for i, sd := range []*Side{s.Set.Left, s.Set.Right} {
			side := fmt.Sprintf("%s.set.%s", at, sideNames[i])
			if configs[i], err = merge(configs[i], sd); err != nil {
				return configs, week, problem(side, "%v", err)
			}
			if _, err = checkConfig(side, configs[i], horizons); err != nil {
				return configs, week, err
			}
		}
	}
	if s.Restart || week == 0 {
		s.Restart, week = true, 0
	}
	s.Configs, s.From = configs, week
	s.ToWeek = weeksOf(s.Run.Years)
	switch {
	case s.ToWeek <= s.From:
		return configs, week, problem(at+".run.years", "the step runs to week %d, but the run is at week %d already; give a later year, or set levers to start again", s.ToWeek, s.From)
	case s.ToWeek > horizon:
		return configs, week, problem(at+".run.years", "year %g is past the designs' horizon of %d weeks", s.Run.Years, horizon)
	case s.Run.Runs < 0 || s.Run.Runs > classroom.MaxRuns:
		return configs, week, problem(at+".run.runs", "%d runs; a Monte Carlo on the page has 1 to %d", s.Run.Runs, classroom.MaxRuns)
	}
	if s.Change != nil {
		if configs, err = s.Change.check(at+".change", configs, s.From, s.ToWeek, horizons); err != nil {
			return configs, week, err
		}
	}
	for i, m := range s.Watch {
		if !charted(m) {
			return configs, week, problem(fmt.Sprintf("%s.watch[%d]", at, i), "%q is not a chart of the page", m)
		}
	}
	if err = s.parseTexts(at); err != nil {
		return configs, week, err
	}
	return configs, s.ToWeek, nil
}

func (c *Change) check(at string, configs [2]classroom.Config, from, to int, horizons map[string]int) ([2]classroom.Config, error) {
	c.Week = weeksOf(c.Year)
	if c.Week <= from || c.Week >= to {
		return configs, problem(at+".year", "the change at week %d must come after the step's start (week %d) and before its end (week %d)", c.Week, from, to)
	}
	var err error
	for i, sd := range []*Side{c.Left, c.Right} {
		side := fmt.Sprintf("%s.%s", at, sideNames[i])
		if sd == nil {
			continue
		}
		if sd.Scenario != "" {
			return configs, problem(side+".scenario", "a change during a run moves levers; another scenario is a new run (use set)")
		}
		for key := range sd.Levers {
			if lv, ok := classroom.LeverOf(key); ok && lv.World {
				return configs, problem(side+".levers", "%s describes the young people or the partners, which cannot change during a run", key)
			}
		}
		if configs[i], err = merge(configs[i], sd); err != nil {
			return configs, problem(side, "%v", err)
		}
		if _, err = checkConfig(side, configs[i], horizons); err != nil {
			return configs, err
		}
	}
	c.Configs = configs
	return configs, nil
}

// parseTexts parses the predictions' conditions and the explanation,
// whose facts must be of weeks the step has run and, for a Monte Carlo's,
// of a step that runs one.
func (s *Step) parseTexts(at string) error {
	check := func(path string) error {
		if err := checkFact(path); err != nil {
			return err
		}
		if strings.HasPrefix(path, "mc.") && s.Run.Runs == 0 {
			return errors.New(path + ": the step runs no Monte Carlo (give run: runs)")
		}
		if _, week, ok := strings.Cut(path, "@"); ok {
			if w, err := strconv.Atoi(week); err == nil && w > s.ToWeek {
				return fmt.Errorf("%s: week %d is after the step's end (week %d)", path, w, s.ToWeek)
			}
		}
		return nil
	}
	p := s.Predict
	switch {
	case strings.TrimSpace(p.Question) == "":
		return problem(at+".predict.question", "a step asks the class to predict: give a question")
	case len(p.Choices) < 2 || len(p.Choices) > 4:
		return problem(at+".predict.choices", "%d choices; give 2 to 4", len(p.Choices))
	}
	s.predict = nil
	for i, c := range p.Choices {
		where := fmt.Sprintf("%s.predict.choices[%d]", at, i)
		if strings.TrimSpace(c.Text) == "" {
			return problem(where, "a choice needs a text")
		}
		cond, err := parseCondition(c.When, check)
		if err != nil {
			return problem(where+".when", "%v", err)
		}
		s.predict = append(s.predict, cond)
	}
	if strings.TrimSpace(s.Explain) == "" {
		return problem(at+".explain", "a step explains its run: give an explanation")
	}
	t, err := parseTemplate(s.Explain, check)
	if err != nil {
		return problem(at+".explain", "%v", err)
	}
	s.explain = t
	return nil
}

// parseCondition parses a choice's condition, as in {if …}.
func parseCondition(cond string, check func(string) error) (*choice, error) {
	if strings.TrimSpace(cond) == "" {
		return nil, errors.New("a choice needs a condition (when) that says when it is right")
	}
	t, err := parseTemplate("{if "+cond+"}{end}", check)
	if err != nil {
		return nil, err
	}
	ch := t.nodes[0].(choice)
	return &ch, nil
}

// Explanation is a step's explanation filled in from a run, and which of
// its predictions hold of the run.
type Explanation struct {
	Text  string `json:"text"`
	Holds []bool `json:"holds"`
}

// Explain fills step i's explanation from the facts of the run.
func (l *Lesson) Explain(i int, f *Facts) (Explanation, error) {
	if i < 0 || i >= len(l.Steps) {
		return Explanation{}, fmt.Errorf("lessons: %s has steps 1 to %d, not %d", l.ID, len(l.Steps), i+1)
	}
	s := &l.Steps[i]
	text, err := s.explain.render(f.Look)
	if err != nil {
		return Explanation{}, fmt.Errorf("lessons: %s step %d: %w", l.ID, i+1, err)
	}
	ex := Explanation{Text: text}
	for _, c := range s.predict {
		ok, err := c.holds(f.Look)
		if err != nil {
			return Explanation{}, fmt.Errorf("lessons: %s step %d: %w", l.ID, i+1, err)
		}
		ex.Holds = append(ex.Holds, ok)
	}
	return ex, nil
}

// Find returns the built-in lesson with the ID, if any.
func Find(lessons []*Lesson, id string) (*Lesson, bool) {
	i := slices.IndexFunc(lessons, func(l *Lesson) bool { return l.ID == id })
	if i < 0 {
		return nil, false
	}
	return lessons[i], true
}

// Begin readies session s for step i as the lesson runs it: the lesson's
// seed and the designs of the last step that started again, and the steps
// since run to their ends with their changes, so that step i begins where
// the lesson leaves it whatever the class did in between.
func (l *Lesson) Begin(i int, s *classroom.Session) error {
	if i < 0 || i >= len(l.Steps) {
		return fmt.Errorf("lessons: %s has steps 1 to %d, not %d", l.ID, len(l.Steps), i+1)
	}
	j := i
	for j > 0 && !l.Steps[j].Restart {
		j--
	}
	for side, c := range l.Steps[j].Configs {
		if err := s.Configure(side, c); err != nil {
			return fmt.Errorf("lessons: %s step %d: %w", l.ID, j+1, err)
		}
	}
	s.SetSeed(l.Steps[j].RunSeed)
	for k := j; k < i; k++ {
		if err := l.RunStep(k, s); err != nil {
			return err
		}
	}
	return nil
}

// RunStep runs step i from where Begin left it to its end, making its
// change on the way: what the page does, without the animation.
func (l *Lesson) RunStep(i int, s *classroom.Session) error {
	st := &l.Steps[i]
	if c := st.Change; c != nil {
		runTo(s, c.Week)
		if err := l.ApplyChange(i, s); err != nil {
			return err
		}
	}
	runTo(s, st.ToWeek)
	return nil
}

// ApplyChange makes step i's change to either side: the session must be at
// the change's week.
func (l *Lesson) ApplyChange(i int, s *classroom.Session) error {
	c := l.Steps[i].Change
	if c == nil {
		return fmt.Errorf("lessons: %s step %d changes nothing during its run", l.ID, i+1)
	}
	if s.Week() != c.Week {
		return fmt.Errorf("lessons: %s step %d changes the design at week %d; the run is at week %d", l.ID, i+1, c.Week, s.Week())
	}
	for side, cfg := range c.Configs {
		if err := s.Intervene(side, cfg); err != nil {
			return fmt.Errorf("lessons: %s step %d: %w", l.ID, i+1, err)
		}
	}
	return nil
}

func runTo(s *classroom.Session, week int) {
	for s.Week() < week {
		s.Step(min(classroom.MaxStep, week-s.Week()))
	}
}
