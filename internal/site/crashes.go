package site

import (
	"fmt"
	"runtime/debug"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// kindSkipped counts notes left out because reading or rendering them
// crashed: a bug in gen, never the user's fault, but their note must not
// take the whole build down with it.
const kindSkipped = "note-skipped"

func crashDiag(path, step string, v any) diag.Diagnostic {
	return diag.Diagnostic{File: path, Kind: kindSkipped, Severity: diag.Warning,
		Message: fmt.Sprintf("gen crashed while %s this note (%v) and left it out of the site; please report this bug with the note attached", step, v)}
}

// parseNote is notes.Parse that turns a panic into an error.
func parseNote(path string, src []byte, opt notes.Options) (n *notes.Note, crash *diag.Diagnostic) {
	defer func() {
		if v := recover(); v != nil {
			d := crashDiag(path, "reading", v)
			if debugCrashes {
				d.Message += "\n" + string(debug.Stack())
			}
			n, crash = nil, &d
		}
	}()
	return notes.Parse(path, src, opt), nil
}

// debugCrashes adds the stack to crash reports (flip it when debugging).
const debugCrashes = false
