package site

import (
	"io/fs"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/pwa"
)

// addAssets copies the embedded assets/ folder into the site, plus the
// code-highlighting stylesheet generated from chroma's themes.
func addAssets(out Output) error {
	err := fs.WalkDir(flipdeck.Assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == pwa.Source {
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
