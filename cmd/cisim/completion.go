package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/scenarios"
)

// completionCommand prints a shell's completion script: commands, each
// command's flags (read from its own --help, so they cannot drift), and
// built-in scenario names beside file names.
func completionCommand(ctx context.Context, a *app, args []string) error {
	fs := pflag.NewFlagSet("completion", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	help := fs.BoolP("help", "h", false, "")
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim completion: %v", err)
	}
	if *help || isHelp(fs.Args()) {
		fmt.Fprint(a.stdout, "Usage: cisim completion bash|zsh|fish\n\n"+
			"Prints the shell's completion script. For bash: source <(cisim completion bash);\n"+
			"zsh: source <(cisim completion zsh); fish: cisim completion fish | source.\n")
		return nil
	}
	if args = fs.Args(); len(args) != 1 {
		return badUsage("cisim completion: want one shell: bash, zsh or fish")
	}
	flags, err := commandFlags(ctx)
	if err != nil {
		return err
	}
	switch args[0] {
	case "bash":
		fmt.Fprint(a.stdout, bashCompletion(flags))
	case "zsh":
		fmt.Fprint(a.stdout, "autoload -U +X bashcompinit && bashcompinit\n"+bashCompletion(flags))
	case "fish":
		fmt.Fprint(a.stdout, fishCompletion(flags))
	default:
		return badUsage("cisim completion: unknown shell %q (bash, zsh, fish)", args[0])
	}
	return nil
}

// commandFlags are the long flags of each command, in the command table's
// order, as its --help lists them.
func commandFlags(ctx context.Context) ([][2]string, error) {
	long := regexp.MustCompile(`(?m)^\s+(?:-\w, )?(--[a-z][a-z-]*)`)
	var out [][2]string
	for _, c := range commandTable() {
		if c.name == "completion" {
			out = append(out, [2]string{c.name, ""})
			continue
		}
		var help bytes.Buffer
		if err := c.run(ctx, &app{stdout: &help, stderr: &bytes.Buffer{}}, []string{"--help"}); err != nil {
			return nil, err
		}
		var names []string
		for _, m := range long.FindAllStringSubmatch(help.String(), -1) {
			if !slices.Contains(names, m[1]) {
				names = append(names, m[1])
			}
		}
		out = append(out, [2]string{c.name, strings.Join(names, " ")})
	}
	return out, nil
}

// bashCompletion is the bash script: the first word a command, then a
// command's flags after "-", else built-in scenario names and files.
func bashCompletion(flags [][2]string) string {
	var b strings.Builder
	var names []string
	for _, f := range flags {
		names = append(names, f[0])
	}
	b.WriteString("# cisim completion for bash (cisim completion bash)\n_cisim() {\n")
	b.WriteString("  local cur=${COMP_WORDS[COMP_CWORD]} opts\n")
	fmt.Fprintf(&b, "  if [ \"$COMP_CWORD\" -eq 1 ]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); return; fi\n", strings.Join(names, " "))
	words := map[string]string{"scenarios": "list show validate", "targets": "list show validate", "help": strings.Join(names, " "), "completion": "bash zsh fish"}
	b.WriteString("  local words=" + fmt.Sprintf("%q", strings.Join(scenarios.Names(), " ")) + "\n")
	b.WriteString("  case ${COMP_WORDS[1]} in\n")
	for _, f := range flags {
		if w, ok := words[f[0]]; ok {
			fmt.Fprintf(&b, "    %s) opts=%q; words=%q ;;\n", f[0], f[1], w)
			continue
		}
		fmt.Fprintf(&b, "    %s) opts=%q ;;\n", f[0], f[1])
	}
	b.WriteString("  esac\n")
	// eval's --points names a file (sweep's takes a number).
	b.WriteString("  if [[ ${COMP_WORDS[1]} == eval && ${COMP_WORDS[COMP_CWORD-1]} == --points ]]; then COMPREPLY=($(compgen -f -- \"$cur\")); return; fi\n")
	b.WriteString("  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return; fi\n")
	b.WriteString("  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\") $(compgen -f -- \"$cur\"))\n}\n")
	b.WriteString("complete -o filenames -F _cisim cisim\n")
	return b.String()
}

// fishCompletion is the fish script.
func fishCompletion(flags [][2]string) string {
	var b strings.Builder
	b.WriteString("# cisim completion for fish (cisim completion fish | source)\ncomplete -c cisim -f\n")
	for _, c := range commandTable() {
		what := c.name
		if len(c.usage) > 0 {
			what = c.usage[0].what
		}
		fmt.Fprintf(&b, "complete -c cisim -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(what))
	}
	for _, f := range flags {
		for _, flag := range strings.Fields(f[1]) {
			file := "" // eval's --points names a file (sweep's takes a number)
			if f[0] == "eval" && flag == "--points" {
				file = " -r -F"
			}
			fmt.Fprintf(&b, "complete -c cisim -n '__fish_seen_subcommand_from %s' -l %s%s\n", f[0], strings.TrimPrefix(flag, "--"), file)
		}
	}
	fmt.Fprintf(&b, "complete -c cisim -n 'not __fish_use_subcommand' -F -a %s\n", fishQuote(strings.Join(scenarios.Names(), " ")))
	return b.String()
}

// fishQuote quotes s for fish.
func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}
