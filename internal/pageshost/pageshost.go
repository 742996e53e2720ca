// Package pageshost serves a built site the way GitHub Pages serves it,
// for measuring the pages (bench/pagesserve) and for browser tests of
// what only a host does (404.html): gzip for text, Cache-Control
// max-age=600, a folder's index.html at the folder's address (and
// index.html as itself, not redirected), and 404.html, with status 404,
// for a missing file.
package pageshost

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Handler serves the built site in dir.
func Handler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { serve(dir, w, r) })
}

// serve answers r from the site in dir.
func serve(dir string, w http.ResponseWriter, r *http.Request) {
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	status := http.StatusOK
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)))
	if err == nil {
		if fi, err := f.Stat(); err != nil || fi.IsDir() {
			f.Close()
			f, err = nil, os.ErrNotExist
		}
	}
	if err != nil {
		status, name = http.StatusNotFound, "/404.html"
		if f, err = os.Open(filepath.Join(dir, "404.html")); err != nil {
			http.NotFound(w, r)
			return
		}
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "max-age=600")
	if ct := contentType(name); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	var out io.Writer = w
	if compressible(name) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		z := gzip.NewWriter(w)
		defer z.Close()
		out = z
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(out, f)
	}
}

// contentType is the type Pages gives a file by its extension ("" lets
// the browser sniff).
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json", ".webmanifest":
		return "application/json; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	}
	return ""
}

// compressible: text, which Pages sends gzip'd; images and sounds are
// compressed already.
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".html", ".css", ".js", ".json", ".webmanifest", ".svg", ".txt":
		return true
	}
	return false
}
