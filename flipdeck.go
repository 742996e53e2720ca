// Package flipdeck holds the files that ship inside the gen binary: the
// html/template files of templates/, the CSS and JavaScript of assets/
// and the app icons of icons/.
// Everything else lives under internal/.
package flipdeck

import "embed"

// Templates holds templates/*.html, parsed by internal/layout.
//
//go:embed templates/*.html
var Templates embed.FS

// Assets holds assets/, copied (minified) into every built site under assets/.
//
//go:embed assets
var Assets embed.FS

// Icons holds icons/*.png, the app icons every site gets (drawn by
// internal/pwa's tests).
//
//go:embed icons/*.png
var Icons embed.FS

// Version is printed by gen -version.
const Version = "0.1.0"
