package notes

import (
	"strings"
	"testing"
)

func TestWithFootnotes(t *testing.T) {
	n := &Note{Footnotes: []Footnote{
		{Label: "1", Text: "[^1]: One."},
		{Label: "x", Text: "[^x]: Ex,\n    continued."},
		{Label: "1", Text: "[^1]: A second definition of 1."},
	}}
	for _, tc := range []struct{ src, want string }{
		{"No footnote.", "No footnote."},
		{"Refers[^2] to none of them.", "Refers[^2] to none of them."},
		{"Refers[^1].", "Refers[^1].\n\n[^1]: One."},
		{"Both[^x] and[^1].", "Both[^x] and[^1].\n\n[^1]: One.\n\n[^x]: Ex,\n    continued."},
		{"Defines its own[^1].\n\n  [^1]: Own.", "Defines its own[^1].\n\n  [^1]: Own."},
		{"Not a definition: a[^1]: b", "Not a definition: a[^1]: b\n\n[^1]: One."},
	} {
		if got := n.WithFootnotes(tc.src); got != tc.want {
			t.Errorf("WithFootnotes(%q) =\n%q, want\n%q", tc.src, got, tc.want)
		}
	}
	if got := (&Note{}).WithFootnotes("a[^1]"); got != "a[^1]" {
		t.Errorf("a note without footnotes changed %q", got)
	}
}

// withFootnotesOld is WithFootnotes as it was before it read src once:
// TestWithFootnotesSame wants the same text from both.
func withFootnotesOld(n *Note, src string) string {
	if len(n.Footnotes) == 0 || !strings.Contains(src, "[^") {
		return src
	}
	var b strings.Builder
	for _, f := range n.Footnotes {
		ref := "[^" + f.Label + "]"
		if b.Len() == 0 {
			if !strings.Contains(src, ref) || definesFootnoteOld(src, ref) {
				continue
			}
			b.WriteString(src)
		} else if !strings.Contains(src, ref) || definesFootnoteOld(b.String(), ref) {
			continue
		}
		b.WriteString("\n\n")
		b.WriteString(f.Text)
	}
	if b.Len() == 0 {
		return src
	}
	return b.String()
}

func definesFootnoteOld(src, ref string) bool {
	for i := 0; ; {
		j := strings.Index(src[i:], ref+":")
		if j < 0 {
			return false
		}
		i += j
		k := i
		for k > 0 && src[k-1] == ' ' {
			k--
		}
		if k == 0 || src[k-1] == '\n' {
			return true
		}
		i += len(ref)
	}
}

// TestWithFootnotesSame: WithFootnotes reads its text once (issue 15:
// 1.4 MB of footnotes took half a minute; bench/hostile's footnotes) and
// gives what looking each footnote up did, on texts made of the pieces
// that matter: references, definitions, indented and nested ones,
// labels with carets, duplicates.
func TestWithFootnotesSame(t *testing.T) {
	n := &Note{Footnotes: []Footnote{
		{Label: "1", Text: "[^1]: One."},
		{Label: "x", Text: "[^x]: Ex,\n    [^y]: a line that looks like y's definition."},
		{Label: "1", Text: "[^1]: A second definition of 1."},
		{Label: "y", Text: "   [^y]: Why."},
		{Label: "^z", Text: "[^^z]: Caret."},
		{Label: "é", Text: "[^é]: Accent."},
	}}
	n.footnoteIndex = indexFootnotes(n.Footnotes)
	pieces := []string{"[^1]", "[^x]", "[^y]", "[^^z]", "[^é]", "[^2]", "[^", "]", ":", " ", "\n", "[", "a",
		"[^1]:", "  [^y]:", "\n[^x]: own", "[^[^1]", "[^1 ]", "[^y]]:"}
	seed := uint64(1)
	for range 20000 {
		var b strings.Builder
		seed = seed*6364136223846793005 + 1442695040888963407
		for k, s := 0, seed; k < int(s>>60)+1; k++ {
			b.WriteString(pieces[(s>>(4*k))%uint64(len(pieces))])
		}
		src := b.String()
		if got, want := n.WithFootnotes(src), withFootnotesOld(n, src); got != want {
			t.Fatalf("WithFootnotes(%q) =\n%q, want\n%q", src, got, want)
		}
		// Without the index made by the parser too.
		m := &Note{Footnotes: n.Footnotes}
		if got, want := m.WithFootnotes(src), withFootnotesOld(n, src); got != want {
			t.Fatalf("without an index: WithFootnotes(%q) =\n%q, want\n%q", src, got, want)
		}
	}
}
