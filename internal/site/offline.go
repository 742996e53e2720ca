package site

import (
	"github.com/tdewolff/minify/v2"

	"github.com/flipdeck/flipdeck/internal/pwa"
)

// addInstallable adds the web app manifest and the icons (internal/pwa),
// and .nojekyll (GitHub Pages would otherwise run Jekyll and hide files).
func addInstallable(out Output, title string) {
	for name, data := range pwa.Files(title) {
		out[name] = data
	}
	out[".nojekyll"] = []byte{}
}

// serviceWorker is pwa.ServiceWorker over the hashes of the files the
// build has made.
func serviceWorker(files map[string]fileSum, m *minify.M) ([]byte, int64, error) {
	known := make(map[string]pwa.File, len(files))
	for name, f := range files {
		known[name] = pwa.File{Size: f.size, Sum: f.sum}
	}
	return pwa.ServiceWorker(known, m)
}
