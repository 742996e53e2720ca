// Package flipdeck holds the files that ship inside the gen binary: the
// html/template files of templates/ and the CSS and JavaScript of assets/.
// Everything else lives under internal/.
package flipdeck

import "embed"

// Templates holds templates/*.html, parsed by internal/site.
//
//go:embed templates/*.html
var Templates embed.FS

// Assets holds assets/, copied (minified) into every built site under assets/.
//
//go:embed assets
var Assets embed.FS

// Version is printed by gen -version.
const Version = "0.1.0"
