package class

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// serveDownload serves the record (the last checkpoint, as written) or
// the CSV (made now) to the teacher: the key is in the Authorization
// header ("Bearer KEY") or, for a plain link, in ?key=. Students' pages
// never have the key.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		refuse(w, http.StatusMethodNotAllowed, "only GET and HEAD")
		return
	}
	key := r.URL.Query().Get("key")
	if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		key = strings.TrimSpace(auth)
	}
	if !sameSecret(key, s.key) {
		fmt.Fprintf(s.o.Log, "cisim class: refused a download of %s from %s: no teacher key or a wrong one\n", name, r.RemoteAddr)
		refuse(w, http.StatusForbidden, "the teacher's key is needed")
		return
	}
	body, ctype, err := s.download(name)
	if err != nil {
		refuse(w, http.StatusInternalServerError, err.Error())
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// download is one file's bytes: the record as checkpointed (the same
// bytes cisim replay reads), the CSV as of now.
func (s *Server) download(name string) ([]byte, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == CSVFile {
		var buf bytes.Buffer
		err := s.g.WriteCSV(&buf)
		return buf.Bytes(), "text/csv; charset=utf-8", err
	}
	if s.o.Dir == "" {
		dir, err := os.MkdirTemp("", "cisim-class-")
		if err != nil {
			return nil, "", err
		}
		defer os.RemoveAll(dir)
		if werr := s.g.WriteRecord(filepath.Join(dir, RecordFile)); werr != nil {
			return nil, "", werr
		}
		b, err := os.ReadFile(filepath.Join(dir, RecordFile))
		return b, "application/json", err
	}
	b, err := os.ReadFile(filepath.Join(s.o.Dir, RecordFile))
	return b, "application/json", err
}
