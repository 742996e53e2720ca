package pwa

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/markdown"
)

// Source is the service worker's code in the embedded assets; it is
// written to the site root (its scope must be the whole site), not to
// assets/.
const Source = "assets/sw/sw.js"

// File is what the service worker knows of one file of the site: its
// size and its hash.
type File struct {
	Size int
	Sum  [sha256.Size]byte
}

// ServiceWorker makes sw.js for the site root: the precache list (what
// studying offline needs, see precached), the runtime list (every other
// file a page may fetch, cached when first fetched) and a build id hashed
// from all the files' hashes, before the worker's (minified) code. It
// returns the total size precached.
func ServiceWorker(files map[string]File, m *minify.M) ([]byte, int64, error) {
	code, err := fs.ReadFile(flipdeck.Assets, Source)
	if err != nil {
		return nil, 0, err
	}
	names := make([]string, 0, len(files))
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	h := sha256.New()
	precache, runtime := []string{}, []string{}
	var size int64
	for _, k := range names {
		if !served(k) {
			continue
		}
		f := files[k]
		fmt.Fprintf(h, "%s\x00%d\x00", k, f.Size)
		h.Write(f.Sum[:])
		if precached(k) {
			precache = append(precache, k)
			size += int64(f.Size)
		} else {
			runtime = append(runtime, k)
		}
	}
	h.Write(code)
	pre, _ := json.Marshal(precache)
	run, _ := json.Marshal(runtime)
	header := fmt.Sprintf("const BUILD=%q;const PRECACHE=%s;const RUNTIME=%s;\n", hex.EncodeToString(h.Sum(nil))[:16], pre, run)
	var min bytes.Buffer
	if err := m.Minify("application/javascript", &min, bytes.NewReader(code)); err == nil {
		code = min.Bytes()
	}
	return append([]byte(header), code...), size, nil
}

// served reports whether the service worker handles the file at all:
// not .nojekyll (GitHub Pages reads it, no page does), not sw.js itself,
// and not 404.html (the host shows it for a missing URL; offline, the
// worker answers an unknown page with the index instead).
func served(name string) bool {
	return name != ".nojekyll" && name != "sw.js" && name != "404.html"
}

// precached reports whether the service worker downloads the file when
// it installs: what studying offline needs, each once. Every page, the
// quiz data, the assets and icons, and the images and sounds that pages
// show; not cards.json (the export for other tools, which the search box
// loads when first used: the worker keeps it from then on), the Anki
// files, or documents and videos that notes link or embed (PDFs, films:
// big, and opened rather than read on the page), which the worker keeps
// once opened.
func precached(name string) bool {
	switch {
	case name == "cards.json", strings.HasPrefix(name, "anki/"):
		return false
	case strings.HasPrefix(name, "media/"):
		k := markdown.EmbedKindOf(name)
		return k == markdown.EmbedImage || k == markdown.EmbedAudio
	}
	return true
}
