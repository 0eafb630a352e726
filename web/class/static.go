package class

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

//go:embed static
var static embed.FS

// contentSecurityPolicy lets the pages run only their own scripts and
// styles and talk only to this server ('self' covers its WebSocket), and
// not be framed: a student's name or a scenario's text cannot become
// script.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// assetTypes are the content types of the pages' files, by extension; a
// file of any other kind makes loadAssets fail, so that it shows in a test
// rather than as a download in a student's browser.
var assetTypes = map[string]string{
	".html":    "text/html; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".mjs":     "text/javascript; charset=utf-8",
	".svg":     "image/svg+xml",
	".png":     "image/png",
	".ico":     "image/x-icon",
	".woff2":   "font/woff2",
	".json":    "application/json",
	".txt":     "text/plain; charset=utf-8",
	".LICENSE": "text/plain; charset=utf-8",
}

type asset struct {
	body        []byte
	ctype, etag string
}

// loadAssets reads every embedded file of the pages once.
func loadAssets(files fs.FS) (map[string]asset, error) {
	out := map[string]asset{}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ctype, ok := assetTypes[path.Ext(name)]
		if !ok {
			return fmt.Errorf("class: asset %s: no content type for %q", name, path.Ext(name))
		}
		body, err := fs.ReadFile(files, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		out[name] = asset{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
		return nil
	})
	return out, err
}

// embeddedAssets returns the pages' files, as embedded from static/.
func embeddedAssets() (map[string]asset, error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	return loadAssets(sub)
}

// setHeaders sets the headers every answer of the class routes carries.
func setHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// serveAsset answers GET or HEAD with one embedded file; anything else is
// refused. allowQuery is for the student page, whose address may carry
// the join code (?code=), which the page itself reads.
func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request, name string, allowQuery bool) {
	switch {
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		w.Header().Set("Allow", "GET, HEAD")
		refuse(w, http.StatusMethodNotAllowed, "only GET and HEAD")
		return
	case !allowQuery && (r.URL.RawQuery != "" || r.URL.ForceQuery):
		refuse(w, http.StatusBadRequest, "no query is accepted")
		return
	case r.ContentLength != 0 || len(r.TransferEncoding) > 0:
		refuse(w, http.StatusBadRequest, "no request body is accepted")
		return
	}
	a, ok := s.assets[name]
	if !ok {
		refuse(w, http.StatusNotFound, "not found")
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(a.body)
}

func refuse(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprintf(w, "%d %s: %s\n", code, http.StatusText(code), msg)
}
