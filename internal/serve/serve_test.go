package serve

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func site(t *testing.T) string {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":      "<!doctype html><html><body><p>Home</p></body></html>",
		"decks/a.html":    "<html><body>Deck</body></html>",
		"sw.js":           "self.addEventListener('fetch', () => {});",
		"assets/site.css": "body{}",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	code, body, _ := getHost(t, h, "localhost:8080", path)
	return code, body
}

func getHost(t *testing.T, h http.Handler, host, path string) (int, string, http.Header) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", path, nil)
	req.Host = host
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

// TestHostHeaderChecked: a page of another site whose name resolves to
// 127.0.0.1 (DNS rebinding) must not read the preview; localhost, IP
// addresses and the -addr host may.
func TestHostHeaderChecked(t *testing.T) {
	s := New(site(t), true)
	s.AllowHost("mybox.lan")
	for host, want := range map[string]int{
		"localhost:8080": 200, "127.0.0.1:8080": 200, "[::1]:8080": 200, "192.168.1.20:8080": 200,
		"LocalHost.:8080": 200, "app.localhost:8080": 200, "mybox.lan:8080": 200, "MYBOX.LAN": 200,
		"attacker.example:8080": 403, "localhost.attacker.example": 403, "127.0.0.1.nip.io:8080": 403,
	} {
		if code, _, _ := getHost(t, s, host, "/index.html"); code != want {
			t.Errorf("Host %s: status %d, want %d", host, code, want)
		}
	}
}

// TestHiddenFilesNotServed: the manifest, temporary files of a build and
// a .git folder in -out are not served; a file of unknown type is a
// download, not sniffed into a page.
func TestHiddenFilesNotServed(t *testing.T) {
	dir := site(t)
	for name, body := range map[string]string{
		".flipdeck-manifest.json": "{}", "decks/.gen-1.tmp": "x", ".git/config": "[core]",
		"media/page.bin": "<html><script>x()</script>", "media/noext": "<html><script>x()</script>",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	s := New(dir, true)
	for _, p := range []string{"/.flipdeck-manifest.json", "/decks/.gen-1.tmp", "/.git/config", "/.git/", "/%2egit/config"} {
		if code, body := get(t, s, p); code != 404 {
			t.Errorf("%s: status %d %q, want 404", p, code, body)
		}
	}
	for _, p := range []string{"/media/page.bin", "/media/noext"} {
		_, _, h := getHost(t, s, "localhost", p)
		if ct := h.Get("Content-Type"); ct != "application/octet-stream" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: Content-Type %q, X-Content-Type-Options %q", p, ct, h.Get("X-Content-Type-Options"))
		}
	}
}

func TestPreviewInjectsReloadOnlyIntoPages(t *testing.T) {
	s := New(site(t), true)
	for _, path := range []string{"/", "/index.html", "/decks/a.html"} {
		code, body := get(t, s, path)
		if code != 200 || !strings.Contains(body, `<script src="`+reloadScriptPath+`"></script></body>`) {
			t.Errorf("%s: %d %q: no live-reload script before </body>", path, code, body)
		}
	}
	if _, body := get(t, s, "/assets/site.css"); body != "body{}" {
		t.Errorf("a stylesheet was changed: %q", body)
	}
	if _, body := get(t, s, "/sw.js"); !strings.Contains(body, "unregister") {
		t.Errorf("the site's service worker is served while previewing: %q", body)
	}
	if code, _ := get(t, s, "/missing.html"); code != 404 {
		t.Errorf("missing page: %d", code)
	}
}

func TestPlainServerChangesNothing(t *testing.T) {
	s := New(site(t), false)
	if _, body := get(t, s, "/index.html"); strings.Contains(body, reloadScriptPath) {
		t.Error("live reload injected without -serve's live mode")
	}
	if _, body := get(t, s, "/sw.js"); !strings.Contains(body, "fetch") {
		t.Errorf("sw.js replaced: %q", body)
	}
}

func TestReloadReachesOpenPages(t *testing.T) {
	s := New(site(t), true)
	srv := httptest.NewServer(s)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+reloadEventsPath, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		t.Fatalf("first line %q", line)
	}
	r.ReadString('\n')
	s.Reload()
	line, err := r.ReadString('\n')
	if err != nil || line != "event: reload\n" {
		t.Fatalf("after Reload: %q, %v", line, err)
	}
}

func TestWatchSeesEditsAndNewFolders(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	os.MkdirAll(out, 0o755)
	changes := make(chan []string, 10)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go Watch(ctx, dir, []string{out}, func(p []string) { changes <- p })
	time.Sleep(100 * time.Millisecond) // let the watcher start
	wait := func(what string) []string {
		select {
		case p := <-changes:
			return p
		case <-time.After(5 * time.Second):
			t.Fatalf("no change reported after %s", what)
		}
		return nil
	}
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("x"), 0o644)
	wait("writing a note")
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	wait("making a folder")
	time.Sleep(100 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "sub", "b.md"), []byte("y"), 0o644)
	if p := wait("writing in the new folder"); !strings.Contains(strings.Join(p, " "), "b.md") {
		t.Errorf("changes %q do not name b.md", p)
	}
	os.WriteFile(filepath.Join(out, "index.html"), []byte("z"), 0o644)
	select {
	case p := <-changes:
		t.Errorf("a write to the output folder was reported: %q", p)
	case <-time.After(300 * time.Millisecond):
	}
}
