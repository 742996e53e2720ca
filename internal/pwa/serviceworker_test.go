package pwa

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

var swHeader = regexp.MustCompile(`^const BUILD="([0-9a-f]{16})";const PRECACHE=(\[[^\]]*\]);const RUNTIME=(\[[^\]]*\]);\n`)

// serviceWorkerLists runs ServiceWorker on files and returns its build
// id, lists and precache size.
func serviceWorkerLists(t *testing.T, files map[string]File) (build string, precache, runtime []string, size int64) {
	t.Helper()
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	sw, size, err := ServiceWorker(files, m)
	if err != nil {
		t.Fatal(err)
	}
	h := swHeader.FindSubmatch(sw)
	if h == nil {
		t.Fatalf("sw.js starts %q", sw[:min(len(sw), 200)])
	}
	if err := json.Unmarshal(h[2], &precache); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(h[3], &runtime); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(sw[len(h[0]):], []byte("PRECACHE")) {
		t.Error("the worker's code does not follow the header")
	}
	return string(h[1]), precache, runtime, size
}

// TestServiceWorkerLists: what studying offline needs is precached, in
// name order, and counted; cards.json, documents and videos are kept at
// run time; the files the host or the worker itself stand for are in no
// list; and the build id changes when any listed file does.
func TestServiceWorkerLists(t *testing.T) {
	files := map[string]File{}
	add := func(name string, size int) { files[name] = File{Size: size, Sum: sha256.Sum256([]byte(name))} }
	for _, name := range []string{"index.html", "decks/a.html", "quiz/a.html", "assets/site.css", "icons/icon-192.png",
		"manifest.webmanifest", "data/decks.json", "media/a.png", "media/b.mp3"} {
		add(name, 10)
	}
	for _, name := range []string{"cards.json", "media/c.pdf", "media/d.mp4", "media/e.txt"} {
		add(name, 1000)
	}
	for _, name := range []string{".nojekyll", "sw.js", "404.html"} {
		add(name, 100000)
	}
	build, precache, runtime, size := serviceWorkerLists(t, files)
	wantPre := []string{"assets/site.css", "data/decks.json", "decks/a.html", "icons/icon-192.png", "index.html",
		"manifest.webmanifest", "media/a.png", "media/b.mp3", "quiz/a.html"}
	wantRun := []string{"cards.json", "media/c.pdf", "media/d.mp4", "media/e.txt"}
	if !slices.Equal(precache, wantPre) || !slices.Equal(runtime, wantRun) {
		t.Errorf("precache %q\nruntime %q\nwant %q\nand %q", precache, runtime, wantPre, wantRun)
	}
	if size != int64(10*len(wantPre)) {
		t.Errorf("precache size %d, want %d", size, 10*len(wantPre))
	}

	files["decks/a.html"] = File{Size: 10, Sum: sha256.Sum256([]byte("edited"))}
	if again, _, _, _ := serviceWorkerLists(t, files); again == build {
		t.Error("the build id did not change with a page")
	}
	delete(files, "decks/a.html")
	files["decks/a.html"] = File{Size: 10, Sum: sha256.Sum256([]byte("decks/a.html"))}
	if again, _, _, _ := serviceWorkerLists(t, files); again != build {
		t.Error("the build id differs for the same files")
	}
}

// TestFiles: the manifest names the site, shortens its name for a home
// screen, and lists icons that are among the files.
func TestFiles(t *testing.T) {
	files := Files("A Very Long Site Title")
	var m Manifest
	if err := json.Unmarshal(files[ManifestName], &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "A Very Long Site Title" || m.ShortName != "A Very Long " {
		t.Errorf("name %q, short name %q", m.Name, m.ShortName)
	}
	for _, icon := range m.Icons {
		if len(files[icon.Src]) == 0 {
			t.Errorf("manifest lists %s, which is not among the files", icon.Src)
		}
	}
}
