// Package serve previews a built site on localhost, the way a static host
// such as GitHub Pages would serve it, and, while the author writes,
// rebuilds on every change and reloads the open pages.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Server serves one output folder.
type Server struct {
	dir   string
	live  bool // inject live reload and neutralise the service worker
	pages *broadcaster
	hosts map[string]bool // host names allowed besides localhost and IP addresses
}

// New returns a server for dir. With live set, HTML pages get the
// live-reload script and Reload makes them reload.
func New(dir string, live bool) *Server {
	return &Server{dir: dir, live: live, pages: newBroadcaster()}
}

// Reload makes every open page reload (after a rebuild).
func (s *Server) Reload() { s.pages.reload() }

// AllowHost lets requests name host (the host of -addr, say
// "mybox.lan") in their Host header; localhost and IP addresses are
// always allowed.
func (s *Server) AllowHost(host string) {
	if s.hosts == nil {
		s.hosts = map[string]bool{}
	}
	s.hosts[normalHost(host)] = true
}

// normalHost is a Host header's host name without port, brackets,
// trailing dot or case.
func normalHost(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.TrimSuffix(strings.ToLower(strings.Trim(h, "[]")), ".")
}

// hostAllowed defends against DNS rebinding: a page of another site
// whose name is made to resolve to 127.0.0.1 could otherwise read the
// preview (and, through it, the notes). Such a request names that site
// in its Host header; a request for localhost, an IP address or the
// -addr host cannot come from one.
func (s *Server) hostAllowed(h string) bool {
	if h == "" {
		return true // HTTP/1.0 without Host: no browser
	}
	host := normalHost(h)
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || net.ParseIP(host) != nil || s.hosts[host]
}

// hiddenPath reports a path with a segment starting with '.': the
// manifest, a build's temporary files, a .git folder, none of which a
// static host should hand out.
func hiddenPath(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// ServeHTTP serves the folder. Responses are not cached by the browser,
// so a rebuilt page is seen on the next load.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "gen -serve: this server only answers requests for localhost, an IP address or the -addr host", http.StatusForbidden)
		return
	}
	if hiddenPath(r.URL.Path) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	// A file of a type the server does not know is a download, never
	// sniffed into a page that would run in the site's origin.
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if ext := path.Ext(r.URL.Path); !strings.HasSuffix(r.URL.Path, "/") && (ext == "" || mime.TypeByExtension(ext) == "") {
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	if s.live {
		switch r.URL.Path {
		case reloadScriptPath:
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			io.WriteString(w, reloadScript)
			return
		case reloadEventsPath:
			s.pages.serveEvents(w, r)
			return
		case "/sw.js":
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			io.WriteString(w, previewWorker)
			return
		}
		if isHTML(r.URL.Path) && s.serveHTML(w, r) {
			return
		}
	}
	http.FileServer(http.Dir(s.dir)).ServeHTTP(w, r)
}

// serveHTML serves an HTML page with the live-reload script added. It
// reports false when the path is not a page it can read, leaving the
// request to the file server (redirects, 404s, folder listings).
func (s *Server) serveHTML(w http.ResponseWriter, r *http.Request) bool {
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		p = path.Join(p, "index.html")
	}
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p)))
	if err != nil {
		return false
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(injectReload(data))
	return true
}

// Listen opens addr, reporting a clear error when it is taken.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w; choose another -addr", addr, err)
	}
	return ln, nil
}

// Serve serves s on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
