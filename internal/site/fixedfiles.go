package site

import (
	"github.com/tdewolff/minify/v2"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// writeFixedFiles hands over the files every site has, whatever its
// notes: the assets (scripts, styles, icons), the install manifest and
// the 404 page.
func writeFixedFiles(e *emitter, opt Options) []diag.Diagnostic {
	var diags []diag.Diagnostic
	fixed := Output{}
	if err := addAssets(fixed); err != nil {
		diags = append(diags, diag.Diagnostic{File: "(assets)", Kind: diag.KindUnreadable,
			Message: err.Error(), Severity: diag.Error})
	}
	addInstallable(fixed, opt.Title)
	addNotFound(fixed, opt.Title, opt.BaseURL)
	for _, k := range fixed.sortedKeys() {
		e.emit(k, fixed[k])
	}
	return diags
}

// writeServiceWorker hands over sw.js, which lists and hashes every file
// handed over before it (offline.go), and returns how many bytes it
// downloads at install.
func writeServiceWorker(e *emitter, m *minify.M) (int64, []diag.Diagnostic) {
	sw, size, err := serviceWorker(e.sums, m)
	if err != nil {
		return size, []diag.Diagnostic{{File: "(assets)", Kind: diag.KindUnreadable, Message: err.Error(), Severity: diag.Error}}
	}
	e.emitFinal("sw.js", sw)
	return size, nil
}
