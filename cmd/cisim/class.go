package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/web/class"
	"github.com/cisim/cisim/web/game"
)

// classOptions are serve's flags for the participatory classroom.
type classOptions struct {
	on          bool
	design      string
	sets        []string
	seed        uint64
	round       string
	rounds      int
	record      string
	maxStudents int
}

// classOnly are the flags that mean something with --class only.
var classOnly = []string{"design", "set", "seed", "round", "rounds", "record", "max-students"}

func classFlags(fs *pflag.FlagSet) *classOptions {
	o := &classOptions{}
	fs.BoolVar(&o.on, "class", false, "serve the participatory classroom too: students play the partners from their devices (/class/)")
	fs.StringVar(&o.design, "design", "", "with --class: the scenario played, a built-in name or a file (default: "+game.DefaultDesign+" with yearly funding rounds, "+strings.Join(game.DefaultSet, " ")+")")
	fs.StringArrayVar(&o.sets, "set", nil, "with --class: set a scenario field by dotted key, e.g. governance.backbone_staff=2 (repeatable)")
	fs.Uint64Var(&o.seed, "seed", 1, "with --class: the game's seed; the same seed and decisions give the same game")
	fs.StringVar(&o.round, "round", game.DefaultRound, "with --class: a round is a month or a quarter")
	fs.IntVar(&o.rounds, "rounds", game.DefaultRounds, "with --class: the game's length in rounds")
	fs.StringVar(&o.record, "record", "cisim-class", "with --class: the folder the game is saved in, and resumed from when it holds one")
	fs.IntVar(&o.maxStudents, "max-students", 100, "with --class: students connected at once")
	return o
}

// check refuses the flags that do not go together.
func (o *classOptions) check(flags *pflag.FlagSet) error {
	if !o.on {
		for _, f := range classOnly {
			if flags.Changed(f) {
				return badUsage("cisim serve: --%s is for the participatory classroom: add --class", f)
			}
		}
		return nil
	}
	switch {
	case flags.Changed("export"):
		return badUsage("cisim serve: --export writes the classroom page's files; --class needs this server running: give one of them")
	case o.round != "month" && o.round != "quarter":
		return badUsage("cisim serve: --round %q: want month or quarter", o.round)
	case o.rounds < 1 || o.rounds > game.MaxRounds:
		return badUsage("cisim serve: --rounds %d: want 1 to %d", o.rounds, game.MaxRounds)
	case o.maxStudents < 1 || o.maxStudents > 1000:
		return badUsage("cisim serve: --max-students %d: want 1 to 1000", o.maxStudents)
	case o.record == "":
		return badUsage("cisim serve: --record needs a folder")
	}
	return nil
}

// classGame is the game to serve: new, or resumed from the record in the
// folder.
type classGame struct {
	o       *classOptions
	g       *game.Game
	resumed bool
}

// prepare makes the game, or replays the saved one, before anything
// listens or is written: bad input is one line and exit code 2.
func (o *classOptions) prepare(flags *pflag.FlagSet) (*classGame, error) {
	if fi, err := os.Stat(o.record); err == nil && !fi.IsDir() {
		return nil, badUsage("cisim serve: --record %s: not a folder", o.record)
	}
	path := filepath.Join(o.record, class.RecordFile)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		g, err := game.New(o.config())
		if err != nil {
			return nil, badUsage("cisim serve: %v", err)
		}
		return &classGame{o: o, g: g}, nil
	}
	rec, err := game.ReadRecord(path)
	if err != nil {
		return nil, badUsage("cisim serve: %s (to start a new game, give another --record folder)", withPath(path, err))
	}
	if serr := o.sameGame(flags, rec.Config); serr != nil {
		return nil, serr
	}
	g, err := game.Replay(rec)
	if err != nil {
		return nil, badUsage("cisim serve: %s does not replay: %v", path, err)
	}
	return &classGame{o: o, g: g, resumed: true}, nil
}

func (o *classOptions) config() game.Config {
	return game.Config{Design: o.design, Set: o.sets, Seed: o.seed, Round: o.round, Rounds: o.rounds}
}

// sameGame refuses flags that ask for another game than the one saved in
// the folder: resuming it would silently ignore them.
func (o *classOptions) sameGame(flags *pflag.FlagSet, saved game.Config) error {
	want := o.config()
	// The overrides as the game plays them: the saved game's carry the
	// default design's own.
	differs := flags.Changed("design") && want.Design != saved.Design ||
		flags.Changed("set") && fmt.Sprint(want.Filled().Set) != fmt.Sprint(saved.Filled().Set) ||
		flags.Changed("seed") && want.Seed != saved.Seed ||
		flags.Changed("round") && want.Round != saved.Round ||
		flags.Changed("rounds") && want.Rounds != saved.Rounds
	if differs {
		return badUsage("cisim serve: %s holds a game of %s (seed %d, %d rounds of a %s), which the flags do not describe: to resume it, drop them; to start a new game, give another --record folder",
			o.record, saved.Design, saved.Seed, saved.Rounds, saved.Round)
	}
	return nil
}
