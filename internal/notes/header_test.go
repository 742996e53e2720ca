package notes

import (
	"reflect"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"
)

// TestParseWithHeader parses every test case and corpus note again with
// the Header of the first parse, as a build's second read does: the note
// is the same, less the frontmatter's diagnostics.
func TestParseWithHeader(t *testing.T) {
	check := func(name, path string, src []byte, opt Options) {
		t.Helper()
		first := Parse(path, src, opt)
		h := first.Header()
		opt.Header = &h
		again := Parse(path, src, opt)
		first.Diags, again.Diags = nil, nil
		if !reflect.DeepEqual(first, again) {
			t.Errorf("%s: parsed with its header:\n%+v\nwant\n%+v", name, again, first)
		}
	}
	for _, c := range loadCases(t) {
		check(c.name, c.spec.path(), c.src, c.spec.options())
	}
	for _, f := range corpus.Realworld(t) {
		check(f.Path, f.Path, f.Src, Options{Tags: []string{"card", "fc"}})
	}
}
