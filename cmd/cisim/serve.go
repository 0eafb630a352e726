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

Serves the classroom page: pick designs, move the levers, play, and watch
isolated and collective impact side by side. The model runs in each
student's browser (WebAssembly), so the page needs no internet and the
server does no simulation work. It listens on this machine only unless
--addr names another address.

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
	if err := fs.Parse(args); err != nil {
		return badUsage("cisim serve: %v", err)
	}
	if *help {
		fmt.Fprint(stdout, serveUsage+fs.FlagUsages())
		return nil
	}
	if fs.NArg() > 0 {
		return badUsage("cisim serve: unexpected argument %q (flags: --addr, --export)", fs.Arg(0))
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
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return badUsage("cisim serve: cannot listen on %s: %v (another port: --addr 127.0.0.1:8081)", *addr, err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	if !loopback {
		fmt.Fprintf(stderr, "cisim serve: warning: listening on %s, which other machines on the network can reach; the server only hands out the page's own files\n", ln.Addr())
	}
	fmt.Fprintf(stdout, "cisim classroom: open http://%s/ in a browser (Ctrl-C stops the server)\n", net.JoinHostPort(host, port))
	if err := web.Serve(ctx, ln); err != nil {
		return fmt.Errorf("cisim serve: %v", err)
	}
	return nil
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
