package site

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/markdown"
)

// addAssets copies the embedded assets/ folder into the site, plus the
// code-highlighting stylesheet generated from chroma's themes.
func addAssets(out Output) error {
	err := fs.WalkDir(flipdeck.Assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == swSource {
			return err
		}
		data, err := fs.ReadFile(flipdeck.Assets, p)
		if err != nil {
			return err
		}
		out[p] = data
		return nil
	})
	out["assets/highlight.css"] = []byte(markdown.HighlightCSS())
	return err
}

// mediaTypes maps output file extensions to minifiers. JSON is not in
// it: the build writes it compact already, and minifying megabytes of
// cards.json again on every rebuild would be wasted time.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".svg": "image/svg+xml",
}

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepQuotes: true, KeepEndTags: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFunc("module", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}

// minifyOutput minifies every HTML, CSS, JS, JSON and SVG file in out, in
// parallel. Media copied from the vault (media/) are left as they are.
// A file the minifier cannot handle is kept unminified: minifying is an
// optimisation, never a reason to lose a page.
//
// Minified bytes are looked up in cache by the hash of the input first.
func minifyOutput(m *minify.M, cache *minifyCache, out Output, workers int) {
	keys := out.sortedKeys()
	results := make([][]byte, len(keys))
	parallel(len(keys), workers, func(i int) {
		k := keys[i]
		mt, ok := mediaTypes[path.Ext(k)]
		if !ok || strings.HasPrefix(k, "media/") {
			return
		}
		key := sha256.Sum256(out[k])
		if b, ok := cache.get(key); ok {
			results[i] = b
			return
		}
		var buf bytes.Buffer
		if err := m.Minify(mt, &buf, bytes.NewReader(out[k])); err == nil {
			results[i] = buf.Bytes()
			cache.put(key, results[i])
		}
	})
	for i, k := range keys {
		if results[i] != nil {
			out[k] = results[i]
		}
	}
}
