package pwa

import (
	"io/fs"

	"github.com/flipdeck/flipdeck"
)

// appIcons are the icon files of every site: icons/*.png of the
// repository, drawn by icons_draw_test.go, by output path.
func appIcons() map[string][]byte {
	files := map[string][]byte{}
	names, _ := fs.Glob(flipdeck.Icons, "icons/*.png")
	for _, name := range names {
		data, err := fs.ReadFile(flipdeck.Icons, name)
		if err != nil {
			panic(err) // embedded files are always readable
		}
		files[name] = data
	}
	return files
}
