package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/cisim/cisim/web"
)

const serveUsage = `Usage: cisim serve [--addr 127.0.0.1:8080]
       cisim serve --export DIR
       cisim serve --class [--design NAME] [--set KEY=VALUE]... [--seed N]
                   [--round month|quarter] [--rounds N] [--record DIR]
                   [--max-students N] [--addr 127.0.0.1:8080]

Serves the classroom page: pick designs, move the levers, play, and watch
isolated and collective impact side by side. The model runs in each
student's browser (WebAssembly), so the page needs no internet and the
server does no simulation work. It listens on this machine only unless
--addr names another address.

With --class it serves the participatory classroom as well: students play
the partner organisations from their own devices (at /class/), against
the game that runs here; the teacher's screen (/class/teacher, with a key
printed only here) opens, closes and times the rounds. The game is saved
in --record DIR after every decision and round; started again on the same
DIR, it resumes. For students on other devices, listen on the network:
--addr 0.0.0.0:8080.

Flags:
`

// serveCommand serves the classroom page until ctx is cancelled, or writes
// it to a folder with --export.
func serveCommand(ctx context.Context, a *app, args []string) error {
	stdout, stderr := a.stdout, a.stderr
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port); port 0 picks a free port")
	export := fs.String("export", "", "write the page's files to this folder (new or empty) instead of serving")
	help := fs.BoolP("help", "h", false, "show this help")
	co := classFlags(fs)
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim serve: %v", err)
	}
	if *help {
		fmt.Fprint(stdout, serveUsage+fs.FlagUsages())
		return nil
	}
	if fs.NArg() > 0 {
		return badUsage("cisim serve: unexpected argument %q (flags: --addr, --export, --class)", fs.Arg(0))
	}
	if err := co.check(fs); err != nil {
		return err
	}
	if fs.Changed("export") {
		if fs.Changed("addr") {
			return badUsage("cisim serve: --export writes files and serves nothing: give either --export or --addr")
		}
		if *export == "" {
			return badUsage("cisim serve: --export needs a folder")
		}
		if err := web.Export(*export); err != nil {
			return badUsage("cisim serve: %v", err)
		}
		fmt.Fprintf(stdout, "cisim serve: wrote the classroom page to %s; put it on any web server that sends .wasm files as application/wasm\n", *export)
		return nil
	}
	loopback, err := checkAddr(*addr)
	if err != nil {
		return badUsage("cisim serve: --addr %s: %v", *addr, err)
	}
	var cg *classGame
	if co.on { // bad input is refused before anything listens or is written
		if cg, err = co.prepare(fs); err != nil {
			return err
		}
	}
	ln, base, err := listen(*addr, loopback, stderr)
	if err != nil {
		return err
	}
	if co.on {
		return cg.serve(ctx, a, ln, base, loopback)
	}
	fmt.Fprintf(stdout, "cisim classroom: open %s/ in a browser (Ctrl-C stops the server)\n", base)
	if err := web.Serve(ctx, ln); err != nil {
		return fmt.Errorf("cisim serve: %v", err)
	}
	return nil
}

// listen listens on addr and returns the address's http://host:port as a
// browser on this machine would use it, warning if the network can reach
// it.
func listen(addr string, loopback bool, stderr io.Writer) (net.Listener, string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", badUsage("cisim serve: cannot listen on %s: %v (another port: --addr 127.0.0.1:8081)", addr, err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	if !loopback {
		fmt.Fprintf(stderr, "cisim serve: warning: listening on %s, which other machines on the network can reach; the server only hands out the page's own files\n", ln.Addr())
	}
	return ln, "http://" + net.JoinHostPort(host, port), nil
}

// checkAddr checks a host:port and reports whether the host is this
// machine only (localhost or a loopback address).
func checkAddr(addr string) (loopback bool, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("want host:port, e.g. 127.0.0.1:8080")
	}
	if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		return false, fmt.Errorf("port %q: want 0 to 65535", port)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}
