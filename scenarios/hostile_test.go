package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
)

// A hostile file is refused in under a second and 50 MB, whatever it
// holds. The bounds are generous: each case below takes under 0.03 s and
// 12 MB (the costliest, the deep nestings: go-yaml's scanner holds the
// tokens up to the limit at once), a file of 200 actors 0.2 s and 25 MB;
// the race detector makes them some ten times slower, not larger.
const (
	maxCostTime  = time.Second * slowdown
	maxCostBytes = 50 << 20
)

// cost runs f once and returns its time and the bytes it allocated, all
// of them, whether or not they were freed again: deterministic for a
// given input, unlike the memory held at one moment.
func cost(f func()) (time.Duration, uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	return elapsed, after.TotalAlloc - before.TotalAlloc
}

// laughs is the billion laughs: each level a list of ten aliases of the
// level below, under a key that decodes a name from its value.
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString("extends: isolated\nanchors:\n  - &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "  - &a%d [%s]\n", i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	fmt.Fprintf(&b, "governance:\n  agreement: *a%d\n", levels)
	return b.String()
}

// indented is a mapping nested by indentation, one level a line.
func indented(levels int) string {
	var b strings.Builder
	for i := range levels {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

// keys is one block mapping of n keys under foo.
func keys(n int) string {
	var b strings.Builder
	b.WriteString("foo:\n")
	for i := range n {
		fmt.Fprintf(&b, "  k%d: 1\n", i)
	}
	return b.String()
}

type hostile struct {
	name, src string
	want      string // the error, after "x.yaml"
}

// hostileFiles are the nesting and alias bombs and the files that are not
// YAML text, each with the one line that refuses it.
func hostileFiles() []hostile {
	const head = "extends: isolated\nname: x\n"
	rep := strings.Repeat
	return []hostile{
		{"30,000 nested [", head + "foo: " + rep("[", 30_000) + "\n", ":3:69: nesting deeper than 64 levels"},
		{"500,000 nested [ in 500 kB", head + "foo: " + rep("[", maxFileSize-40) + "\n", ":3:69: nesting deeper than 64 levels"},
		{"30,000 nested {", head + "foo: " + rep("{a: ", 30_000) + "\n", ":3:258: nesting deeper than 64 levels"},
		{"block sequences - - -", head + "foo:\n  " + rep("- ", 30_000) + "x\n", ":4:129: nesting deeper than 64 levels"},
		{"mappings nested by indentation", indented(200), ":65:65: nesting deeper than 64 levels"},
		{"billion laughs", laughs(9), ":7:20: aliases expand the file past 40000 values"},
		{"a list of 200,000 numbers", head + "foo: [" + rep("1,", 200_000) + "]\n", ":3:39998: more than 40000 YAML tokens (words and symbols; a scenario of 200 actors has 21,000)"},
		{"100,000 documents", rep("---\n", 100_000), ":13334:2: more than 40000 YAML tokens (words and symbols; a scenario of 200 actors has 21,000)"},
		{"a mapping of 10,000 keys", keys(10_000), ":66:3: mapping of more than 64 keys (the widest of a scenario, params, has 23)"},
		{"too large", "description: " + rep("x", maxFileSize) + "\n", ": file of 524302 bytes is too large for a scenario (at most 524288)"},
		{"NUL byte", "extends: isolated\nname: a\x00b\n", ":2:8: binary file, not a scenario (byte 0x00)"},
		{"not UTF-8", "extends: isolated\nname: \xff\xfe\n", ":2:7: binary file, not a scenario (byte 0xff)"},
		{"UTF-16", "\xff\xfee\x00x\x00", ": UTF-16 text, not UTF-8: save the file as UTF-8"},
		{"escape character", "extends: isolated\nname: \x1b[31mred\n", `:2:7: control character \x1b, which YAML does not allow in a file`},
		{"tab indentation", "extends: isolated\ngovernance:\n\tbackbone_staff: 2\n", ":3:1: tab character used for indentation (YAML indents with spaces)"},
		{"empty", "", ": empty file: a scenario needs at least extends: NAME (a built-in), or some of its fields (cisim scenarios show isolated lists them)"},
		{"only comments", "# a scenario\n\n   \n# to come\n", ": empty file: a scenario needs at least extends: NAME (a built-in), or some of its fields (cisim scenarios show isolated lists them)"},
		{"two documents", head + "---\nname: y\ngovernance:\n  backbone_stafff: -5\n", ":3:1: a second YAML document (after ---): a scenario file holds one; put each scenario in a file of its own"},
		{"a directive, then two documents", "%YAML 1.2\n---\n" + head + "---\nname: y\n", ":5:1: a second YAML document (after ---): a scenario file holds one; put each scenario in a file of its own"},
		{"null", "~\n", ": empty file: a scenario needs at least extends: NAME (a built-in), or some of its fields (cisim scenarios show isolated lists them)"},
	}
}

func TestHostileFilesAreRefusedCheaply(t *testing.T) {
	for _, h := range hostileFiles() {
		t.Run(h.name, func(t *testing.T) {
			var err error
			elapsed, bytes := cost(func() { _, err = LoadBytes("x.yaml", []byte(h.src), nil) })
			var e *Error
			if !errors.As(err, &e) || err.Error() != "x.yaml"+h.want {
				t.Errorf("got  %v\nwant x.yaml%s", err, h.want)
			}
			t.Logf("%v, %.1f MB", elapsed, float64(bytes)/1e6)
			if elapsed > maxCostTime || bytes > maxCostBytes {
				t.Errorf("took %v and %.1f MB, want under %v and %d MB", elapsed, float64(bytes)/1e6, maxCostTime, maxCostBytes>>20)
			}
		})
	}
}

// The limits leave room: the library, a file of 200 actors and a text as
// large as the size cap allows load, and within the same bounds.
func TestLimitsLeaveRoomForLargeFiles(t *testing.T) {
	l, err := Load("collective-impact", nil)
	if err != nil {
		t.Fatal(err)
	}
	f := l.File
	for i := len(f.Actors.List); i < 200; i++ {
		a := f.Actors.List[i%4]
		a.Name = fmt.Sprintf("Actor %d", i)
		f.Actors.List = append(f.Actors.List, a)
	}
	big, err := marshal(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"200 actors":              big,
		"a description of 500 kB": []byte("extends: isolated\ndescription: " + strings.Repeat("x", maxFileSize-50) + "\n"),
	}
	for name, src := range files {
		var err error
		elapsed, bytes := cost(func() { _, err = LoadBytes("big.yaml", src, nil) })
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if elapsed > maxCostTime || bytes > maxCostBytes {
			t.Errorf("%s: took %v and %.1f MB", name, elapsed, float64(bytes)/1e6)
		}
	}
	if n, _ := checkBounds(big); n > maxTokens*2/3 {
		t.Errorf("200 actors take %d tokens: the limit of %d leaves too little room", n, maxTokens)
	}
}

// A byte-order mark and CRLF line ends are what Windows editors write:
// the file loads as without them, and errors keep their positions.
func TestByteOrderMarkAndCRLFLoad(t *testing.T) {
	const plain = "extends: collective-impact\ngovernance:\n  backbone_staff: 2\n"
	want, err := LoadBytes("x.yaml", []byte(plain), nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"BOM":      "\ufeff" + plain,
		"CRLF":     strings.ReplaceAll(plain, "\n", "\r\n"),
		"BOM CRLF": "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n"),
	} {
		got, err := LoadBytes("x.yaml", []byte(src), nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !sameScenario(got.Scenario, want.Scenario) {
			t.Errorf("%s: the scenario differs from the plain file's", name)
		}
		bad := strings.Replace(src, "backbone_staff: 2", "backbone_staff: -2", 1)
		_, err = LoadBytes("x.yaml", []byte(bad), nil)
		if w := "x.yaml:3:19: governance.backbone_staff: invalid value -2 (allowed: 0 to 1000)"; err == nil || err.Error() != w {
			t.Errorf("%s: got %v, want %s", name, err, w)
		}
	}
}

// Every problem of a file, in file order, the same in every run.
func TestProblemsListsEveryProblemInFileOrder(t *testing.T) {
	path := writeFile(t, "many.yaml", `extends: collective-impact
governance:
  beneficiary_engagement: 7
  power_sharing: lots
  agreement: treaty
foo: 1
horizon:
  years: [1]
beneficiaries:
  count: 2.5
  mean_need: {skills: 0.5, bogus: 1}
bar: 2
problem:
  complementarity: {triangular: [1]}
  need_drift: {normal: 1, uniform: [0, 1]}
description:
  a: 1
`)
	allowed := "(allowed here: name, description, extends, horizon, beneficiaries, problem, preconditions, governance, funding, economics, actors, params, channels)"
	want := []string{
		":3:27: governance.beneficiary_engagement: invalid value 7 (allowed: 0 to 4)",
		":4:18: governance.power_sharing: want a number, got text",
		`:5:14: governance.agreement: unknown agreement "treaty" (allowed: none, letter, contract)`,
		":6:1: foo: unknown field " + allowed,
		":8:10: horizon.years: want a number, got a list",
		":10:10: beneficiaries.count: want a whole number, got 2.5",
		":11:28: beneficiaries.mean_need.bogus: unknown field (allowed here: skills, self_esteem, network, education, wellbeing)",
		":12:1: bar: unknown field " + allowed,
		":14:20: problem.complementarity: invalid distribution: triangular takes 3 numbers [low, mode, high], got 1",
		`:15:15: problem.need_drift: unknown distribution "normal" (allowed: uniform, triangular, beta, lognormal, with low and high for beta and lognormal)`,
		":17:3: description: want text, got a mapping",
	}
	for run := range 20 {
		problems := Problems(path)
		var got []string
		for _, p := range problems {
			got = append(got, strings.TrimPrefix(p.Error(), path))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("run %d:\ngot\n%s\nwant\n%s", run, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if _, err := Load(path, nil); err == nil || err.Error() != path+want[0] {
		t.Errorf("Load: got %v, want the first problem", err)
	}
	if p := Problems("collective-impact"); p != nil {
		t.Errorf("a built-in has problems: %v", p)
	}
}

// Problems in the entries of a list are all listed, but not the engine's
// checks, which would see the entries' missing values as problems too.
func TestProblemsInAListOfActors(t *testing.T) {
	path := writeFile(t, "actors.yaml", `extends: collective-impact
governance:
  power_sharing: 9
actors:
  list:
    - {name: A, sector: church, member: true, kpi: {skills: 1}}
    - {name: B, sector: funder, member: true, kpi: {skills: 1}, budget: lots}
    - {name: C, sector: funder, member: true, kpi: {skills: 1}, bogus: 1}
`)
	want := []string{
		`:6:25: actors.list[0].sector: unknown sector "church" (allowed: nonprofit, public, private, academia, funder, backbone)`,
		":7:73: actors.list[1].budget: want a number, got text",
		":8:65: actors.list[2].bogus: unknown field (allowed here: name, sector, member, budget, staff, mandate, reach, bureaucracy, capability, kpi, values)",
	}
	var got []string
	for _, p := range Problems(path) {
		got = append(got, strings.TrimPrefix(p.Error(), path))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNonRegularFilesAreRefusedUnread(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir, nil); err == nil || err.Error() != dir+": not a regular file (a directory)" {
		t.Errorf("directory: %v", err)
	}
	// A file of 1 GB (sparse: it takes no disk) is refused after reading
	// one byte more than a scenario may have.
	huge := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Skip("no sparse file:", err)
	}
	f.Close()
	var lerr error
	_, bytes := cost(func() { _, lerr = Load(huge, nil) })
	if lerr == nil || lerr.Error() != huge+": file of 1073741824 bytes is too large for a scenario (at most 524288)" {
		t.Errorf("huge file: %v", lerr)
	}
	if bytes > 8*maxFileSize { // reading grows its buffer by doubling: some 2 MB
		t.Errorf("refusing the huge file allocated %d bytes: it was read", bytes)
	}
}

// Messages never carry a control character of the file to the terminal.
func TestMessagesEscapeControlCharacters(t *testing.T) {
	e := &Error{File: "a\nb.yaml", Line: 1, Column: 2, Key: "\x1b[31mred", Msg: "found character '\t' here\r"}
	if got, want := e.Error(), `a\nb.yaml:1:2: \x1b[31mred: found character '\t' here\r`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	_, err := LoadBytes("x.yaml", []byte("extends: isolated\n\"\\e[2J\": 1\n"), nil)
	if err == nil || strings.ContainsFunc(err.Error(), unicode.IsControl) || !strings.Contains(err.Error(), `\x1b[2J: unknown field`) {
		t.Errorf("got %q", err)
	}
	if long := (&Error{Msg: strings.Repeat("k", 10_000)}).Error(); len(long) > 400 {
		t.Errorf("a 10,000-character message printed as %d bytes", len(long))
	}
}

// An override's value is YAML from the command line: the same limits hold.
func TestHostileOverridesAreRefused(t *testing.T) {
	cases := []struct{ value, want string }{
		{strings.Repeat("[", 100_000), "description: nesting deeper than 64 levels (at 1:65 of the value)"},
		{"{a: &a [1, 1, 1, 1, 1, 1, 1, 1], b: &b [*a, *a, *a, *a, *a, *a, *a, *a], c: &c [*b, *b, *b, *b, *b, *b, *b, *b], " +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c], e: &e [*d, *d, *d, *d, *d, *d, *d, *d], f: [*e, *e, *e, *e, *e, *e, *e, *e]}",
			"description: aliases expand the file past 40000 values (at 1:189 of the value)"},
	}
	for _, c := range cases {
		var err error
		elapsed, bytes := cost(func() {
			_, err = LoadBytes("x.yaml", []byte("extends: isolated\n"), []string{"description=" + c.value})
		})
		if err == nil || !strings.HasSuffix(err.Error(), ": "+c.want) {
			t.Errorf("got %v, want …%s", err, c.want)
		}
		if elapsed > maxCostTime || bytes > maxCostBytes {
			t.Errorf("took %v and %.1f MB", elapsed, float64(bytes)/1e6)
		}
	}
}

// A file of many problems lists the first hundred, and says there are more.
func TestProblemsAreCutShort(t *testing.T) {
	var b strings.Builder
	b.WriteString("actors:\n  list:\n")
	for i := range 150 {
		fmt.Fprintf(&b, "    - {name: A%d, x: 1}\n", i)
	}
	problems := Problems(writeFile(t, "many.yaml", b.String()))
	if len(problems) != maxProblems+1 {
		t.Fatalf("%d problems, want %d and a last line", len(problems), maxProblems+1)
	}
	if first := problems[0]; first.Line != 3 || first.Key != "actors.list[0].x" {
		t.Errorf("first: %v", first)
	}
	if last := problems[maxProblems]; last.Line != 0 || !strings.HasPrefix(last.Msg, "more problems than are listed") {
		t.Errorf("last: %v", last)
	}
}
