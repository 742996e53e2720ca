package markdown

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

// TestLookupLexer: lookupLexer gives lexers.Get's answer for every name,
// alias and file name glob chroma knows, in several cases, with and
// without a dot before them, and for names it does not know (issue 15:
// lexers.Get took milliseconds per unknown language and seconds for one
// of 3,000 characters; bench/hostile's fence-lang-3000).
func TestLookupLexer(t *testing.T) {
	// Names and aliases are found in chroma's maps, quickly; the rest
	// goes through every glob, 5 ms a name: a sample of the globs.
	var words, slow []string
	ix := globs()
	for _, l := range ix.lexers {
		c := l.Config()
		words = append(words, c.Name)
		words = append(words, c.Aliases...)
	}
	for ext := range ix.byExt {
		if len(ext)%4 == 0 || strings.Contains(ext, ".") {
			slow = append(slow, ext, "x."+ext)
		}
	}
	for lit := range ix.byLiteral {
		slow = append(slow, lit, "x"+lit)
	}
	slow = append(slow, "", "x", "txt", "main.py", "a.tar.gz", "x.y.z", "1", "9", "0", "php3", "php7",
		"xbm", "xpm", "gsed", "ssed", "bash_x", "bash_", "Caddyfilex", ".env.x", ".bash_x", "Dockerfile.x",
		"Makefile.am", "c++", "c#", "f#", "no-such-language", "dataview", "mermaid", ".py", "..py", "py.", "PY", "Py")
	n := 0
	check := func(v string) {
		// fenceLanguage keeps these characters only.
		if strings.ContainsFunc(v, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("+-_#.", r))
		}) {
			return
		}
		n++
		if got, want := lookupLexer(v), lexers.Get(v); got != want {
			t.Errorf("%q: got %v, want %v", v, got, want)
		}
	}
	for _, w := range words {
		check(w)
		check(strings.ToLower(w))
		check(strings.ToUpper(w))
	}
	for _, w := range slow {
		check(w)
	}
	t.Logf("%d names compared", n)
	if lookupLexer(strings.Repeat("a.", 1500)) != nil {
		t.Error("a language of 3,000 characters has a lexer")
	}
}
