package pageshost

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html": "<p>index</p>", "decks/a.html": "<p>deck</p>", "404.html": "<p>not found</p>",
		"icons/i.png": "PNG", "assets/site.css": "body{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := Handler(dir)
	for _, tc := range []struct {
		path, gzip  string // gzip: the request's Accept-Encoding
		status      int
		body, ctype string
		gzipped     bool
	}{
		{"/", "", 200, "<p>index</p>", "text/html; charset=utf-8", false},
		{"/index.html", "", 200, "<p>index</p>", "text/html; charset=utf-8", false}, // not redirected to the folder
		{"/decks/a.html", "gzip", 200, "<p>deck</p>", "text/html; charset=utf-8", true},
		{"/assets/site.css", "gzip, br", 200, "body{}", "text/css; charset=utf-8", true},
		{"/icons/i.png", "gzip", 200, "PNG", "image/png", false}, // compressed already
		{"/quiz/a.html", "", 404, "<p>not found</p>", "text/html; charset=utf-8", false},
		{"/decks/", "", 404, "<p>not found</p>", "text/html; charset=utf-8", false}, // a folder without index.html
		{"/../etc/passwd", "", 404, "<p>not found</p>", "text/html; charset=utf-8", false},
	} {
		req := httptest.NewRequest("GET", "http://x"+tc.path, nil)
		if tc.gzip != "" {
			req.Header.Set("Accept-Encoding", tc.gzip)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		var body io.Reader = res.Body
		if got := res.Header.Get("Content-Encoding") == "gzip"; got != tc.gzipped {
			t.Errorf("%s: gzip %v, want %v", tc.path, got, tc.gzipped)
		} else if got {
			z, err := gzip.NewReader(res.Body)
			if err != nil {
				t.Fatalf("%s: %v", tc.path, err)
			}
			body = z
		}
		b, _ := io.ReadAll(body)
		if res.StatusCode != tc.status || string(b) != tc.body || res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s: %d %q %q, want %d %q %q", tc.path, res.StatusCode, b, res.Header.Get("Content-Type"), tc.status, tc.body, tc.ctype)
		}
		if res.Header.Get("Cache-Control") != "max-age=600" {
			t.Errorf("%s: Cache-Control %q", tc.path, res.Header.Get("Cache-Control"))
		}
	}
}
