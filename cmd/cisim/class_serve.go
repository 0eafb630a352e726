package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/cisim/cisim/web"
	"github.com/cisim/cisim/web/class"
)

// serve runs the class on ln until ctx is done: the classroom page at /,
// the participatory classroom at /class/. On the way out the game is
// saved, for the same command to resume it.
func (cg *classGame) serve(ctx context.Context, a *app, ln net.Listener, base string, loopback bool) error {
	defer ln.Close()
	if err := os.MkdirAll(cg.o.record, 0o755); err != nil {
		return badUsage("cisim serve: --record: %v", err)
	}
	students := studentBase(ln, base)
	srv, err := class.New(class.Options{Game: played{cg.g}, Dir: cg.o.record,
		MaxStudents: cg.o.maxStudents, Log: a.stderr, Base: students})
	if err != nil {
		return badUsage("cisim serve: %v", err)
	}
	page, err := web.Handler(web.Assets())
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/class/", srv)
	mux.Handle("/", page)
	hs := web.NewServer(mux)
	cg.announce(a, srv, base, loopback)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err = <-done:
	case <-ctx.Done():
	}
	stopErr := srv.Stop() // the sockets are the server's own: Shutdown does not see them
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := hs.Shutdown(shut); serr != nil {
		hs.Close()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("cisim serve: %v", err)
	}
	if stopErr != nil {
		return fmt.Errorf("cisim serve: the last checkpoint: %v", stopErr)
	}
	fmt.Fprintf(a.stdout, "cisim class: stopped; the game is saved in %s (the same command resumes it)\n", cg.o.record)
	return nil
}

// announce prints how to join: the code and the students' address, and
// the teacher's address with the key, which is printed here and nowhere
// else.
func (cg *classGame) announce(a *app, srv *class.Server, base string, loopback bool) {
	if cg.resumed {
		v := cg.g.TeacherView()
		fmt.Fprintf(a.stdout, "cisim class: resuming the game saved in %s: round %d of %d, %s\n", cg.o.record, v.Round, v.Rounds, v.Status)
	} else {
		c := cg.g.Config()
		design := c.Design
		if len(c.Set) > 0 {
			design += " with " + strings.Join(c.Set, ", ")
		}
		fmt.Fprintf(a.stdout, "cisim class: a new game of %s (seed %d, %d rounds of a %s), saved in %s\n",
			design, c.Seed, c.Rounds, c.Round, cg.o.record)
	}
	fmt.Fprintf(a.stdout, "cisim class: join code %s\n", srv.Code())
	fmt.Fprintf(a.stdout, "cisim class: students open %s\n", srv.JoinURL())
	fmt.Fprintf(a.stdout, "cisim class: the teacher opens %s (keep it to yourself: it runs the game)\n", srv.TeacherURL(base))
	if loopback {
		fmt.Fprintf(a.stdout, "cisim class: listening on this machine only; for students' own devices: --addr 0.0.0.0:8080\n")
	}
	fmt.Fprintf(a.stdout, "cisim classroom: the classroom page is at %s/ (Ctrl-C stops the server)\n", base)
}

// studentBase is the address students' devices reach the server at: on
// every interface, the machine's address on the local network rather than
// localhost.
func studentBase(ln net.Listener, base string) string {
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
		return base
	}
	if lan := lanAddress(); lan != "" {
		return "http://" + net.JoinHostPort(lan, port)
	}
	return base
}

// lanAddress is the first private IPv4 address of an interface that is
// up, or else the first global one: where a classroom's devices can reach
// this machine. "" if it has none.
func lanAddress() string {
	ifs, err := net.Interfaces()
	if err != nil {
		return ""
	}
	var global string
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, ad := range addrs {
			ipn, ok := ad.(*net.IPNet)
			if !ok || ipn.IP.To4() == nil || !ipn.IP.IsGlobalUnicast() {
				continue
			}
			if ipn.IP.IsPrivate() {
				return ipn.IP.String()
			}
			if global == "" {
				global = ipn.IP.String()
			}
		}
	}
	return global
}
