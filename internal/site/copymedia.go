package site

import (
	"fmt"
	"os"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// copyMedia hands over the attachments the pages use, made inert where
// they could run script on the site (inert.go); one over the size limit
// or that cannot be read is left out with a diagnostic.
func (b *Builder) copyMedia(media *mediaSet, e *emitter) []diag.Diagnostic {
	var diags []diag.Diagnostic
	for _, f := range media.usedFiles() {
		if b.stopped() {
			break
		}
		if f.Size > b.opt.MaxFileSize {
			diags = append(diags, diag.Diagnostic{File: f.Path, Kind: diag.KindTooLarge,
				Message: fmt.Sprintf("attachment is %d bytes, over the %d byte limit, and is not copied: shrink it or raise -max-file-size", f.Size, b.opt.MaxFileSize)})
			continue
		}
		data, err := os.ReadFile(f.Abs)
		if err != nil {
			diags = append(diags, diag.Diagnostic{File: f.Path, Kind: diag.KindUnreadable,
				Message: fmt.Sprintf("cannot read attachment (%v) and it is not copied; check its permissions", err)})
			continue
		}
		data, warn := b.inertMedia(f, media, data)
		if warn != nil {
			diags = append(diags, *warn)
		}
		if data != nil {
			e.emit(media.names[f], data)
		}
	}
	return diags
}
