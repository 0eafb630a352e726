package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed static
var static embed.FS

// Assets returns the page's embedded files, index.html at the root.
func Assets() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // static is embedded above
	}
	return sub
}

// Limits on requests. No asset is named by more than a few dozen bytes and
// none takes a query or a body.
const (
	MaxURI         = 256     // bytes of the request target
	MaxHeaderBytes = 8 << 10 // bytes of all request headers
)

// ContentSecurityPolicy lets the page run only its own scripts, styles and
// WebAssembly ('wasm-unsafe-eval' allows compiling it), fetch only its own
// files, and not be framed.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// types are the content types of the assets, by extension; an asset of
// any other kind is an error in Handler.
var types = map[string]string{
	".html":    "text/html; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".wasm":    "application/wasm",
	".svg":     "image/svg+xml",
	".png":     "image/png",
	".LICENSE": "text/plain; charset=utf-8",
}

type asset struct {
	body  []byte
	ctype string
	etag  string

	gzOnce sync.Once
	gz     []byte // gzip-compressed body, made on first demand; nil when not worth it
}

// gzipped returns the compressed body, or nil if compression saves little.
func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(a.body)
		zw.Close()
		if buf.Len() < len(a.body)*9/10 {
			a.gz = buf.Bytes()
		}
	})
	return a.gz
}

type handler struct{ assets map[string]*asset }

// Handler returns the handler that serves the files of assets: "/" is
// index.html, any other path must name a file exactly. It refuses every
// method but GET and HEAD (405), a query or a body (400), an over-long
// target (414), and any path that is not an asset (404).
func Handler(assets fs.FS) (http.Handler, error) {
	h := &handler{assets: map[string]*asset{}}
	err := fs.WalkDir(assets, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ctype, ok := types[path.Ext(name)]
		if !ok {
			return fmt.Errorf("web: asset %s: no content type for %q", name, path.Ext(name))
		}
		body, err := fs.ReadFile(assets, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		h.assets[name] = &asset{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if h.assets["index.html"] == nil {
		return nil, errors.New("web: no index.html among the assets")
	}
	return h, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", ContentSecurityPolicy)
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		hd.Set("Allow", "GET, HEAD")
		refuse(w, http.StatusMethodNotAllowed, "only GET and HEAD")
		return
	case len(r.RequestURI) > MaxURI:
		refuse(w, http.StatusRequestURITooLong, "request target too long")
		return
	case r.URL.RawQuery != "" || r.URL.ForceQuery:
		refuse(w, http.StatusBadRequest, "no query is accepted")
		return
	case r.ContentLength != 0 || len(r.TransferEncoding) > 0:
		refuse(w, http.StatusBadRequest, "no request body is accepted")
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	a := h.assets[name]
	if a == nil {
		refuse(w, http.StatusNotFound, "not found")
		return
	}
	body, etag := a.body, a.etag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz := a.gzipped(); gz != nil {
			// Another body, so another strong tag: a cache must not answer
			// a client that cannot unpack gzip with the gzipped bytes.
			body, etag = gz, strings.TrimSuffix(a.etag, `"`)+`-gz"`
			hd.Set("Content-Encoding", "gzip")
		}
	}
	hd.Set("Content-Type", a.ctype)
	hd.Set("ETag", etag)
	hd.Set("Cache-Control", "no-cache")
	hd.Set("Vary", "Accept-Encoding")
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
		hd.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// acceptsGzip reports whether an Accept-Encoding header lists gzip without
// q=0.
func acceptsGzip(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

func refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintf(w, "%d %s: %s\n", code, http.StatusText(code), msg)
}

// NewServer returns an http.Server for h with timeouts and a bound on
// header size, so a slow or oversized client cannot hold it.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      2 * time.Minute, // the wasm is megabytes, over a school's wifi
		IdleTimeout:       time.Minute,
		MaxHeaderBytes:    MaxHeaderBytes,
		// Otherwise Go answers OPTIONS * itself, 200 without our headers.
		DisableGeneralOptionsHandler: true,
	}
}

// shutdownGrace is how long Serve lets requests in flight finish.
var shutdownGrace = 5 * time.Second

// Serve serves the embedded page on ln until ctx is done, then shuts down,
// letting requests in flight finish for up to shutdownGrace and then
// cutting them off: stopping is what was asked, so that is no error.
func Serve(ctx context.Context, ln net.Listener) error {
	h, err := Handler(Assets())
	if err != nil {
		return err
	}
	srv := NewServer(h)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shut); errors.Is(err, context.DeadlineExceeded) {
		srv.Close() // a download still running, e.g. the wasm over slow wifi
	} else if err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
