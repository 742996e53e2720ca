package site

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestAnkiHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<img src="../media/a.png" alt="x">`, `<img src="a.png" alt="x">`},
		{`<a href="../media/doc.pdf">pdf</a>`, `<a href="doc.pdf">pdf</a>`},
		{`<a href="../decks/x.html#card-q1">x</a> and <a href="../decks/y.html">y</a>`, `<a href="#">x</a> and <a href="#">y</a>`},
		{`<a href="https://example.com/">web</a>`, `<a href="https://example.com/">web</a>`},
		{`<a href="../broken`, `<a href="../broken`},
		// Formulas become TeX for Anki's MathJax.
		{`<p>If <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">x^2 &lt; 1</annotation></semantics></math> then</p>`,
			`<p>If \(x^2 &lt; 1\) then</p>`},
		{`<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mrow><mi>a</mi></mrow><annotation encoding="application/x-tex">a</annotation></semantics></math> and <math><mi>b</mi></math>`,
			`\[a\] and <math><mi>b</mi></math>`},
		{`<math><mi>c</mi>`, `<math><mi>c</mi>`},
	}
	for _, tt := range tests {
		if got := ankiHTML(tt.in); got != tt.want {
			t.Errorf("ankiHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnkiField(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\tb", "\"a\tb\""},
		{"line\nbreak", "\"line\nbreak\""},
		{`say "hi"`, `"say ""hi"""`},
		// A line starting with '#' is a comment to Anki's importer.
		{"#1 rule", `"#1 rule"`},
		{"a#b", "a#b"},
	}
	for _, tt := range tests {
		if got := ankiField(tt.in); got != tt.want {
			t.Errorf("ankiField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAnkiFileReadsBack reads the Anki file of a deck whose name and
// tags hold tabs, line breaks, quotes and other white space, and whose
// question starts with '#', the way Anki's importer does (tab-separated,
// quoted fields, '#' lines are comments): every card is one record of
// four fields, the deck is one line of text, and each tag one word.
// (Anki splits the tags column at any white space.)
func TestAnkiFileReadsBack(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, map[string]string{
		"a.md": "---\ncards-deck: \"A\\tB\\nC \\\"q\\\" \\r::  sub\\u2028x \"\n" +
			"tags: [\"t\\ta\", \"x\\\"y\", \"two words\", \"a\\u3000b\", \"n\\u00a0b\", \"l\\nm\"]\n---\nQ? #card\nA\n",
		"b.md": "---\ncards-deck: \"#hash\"\n---\nWhat :: #1\n",
	})
	out := generate(t, src)
	var records [][]string
	for _, k := range out.sortedKeys() {
		if !strings.HasPrefix(k, "anki/") {
			continue
		}
		r := csv.NewReader(bytes.NewReader(out[k]))
		r.Comma, r.Comment, r.FieldsPerRecord = '\t', '#', 4
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v\n%s", k, err, out[k])
		}
		records = append(records, recs...)
	}
	if len(records) != 2 {
		t.Fatalf("want 2 cards, got %d: %q", len(records), records)
	}
	for _, rec := range records {
		deck, tags := rec[2], rec[3]
		if strings.ContainsFunc(deck, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) && r != ' ' }) ||
			strings.Contains(deck, "  ") || strings.Contains(deck, " ::") || strings.Contains(deck, ":: ") {
			t.Errorf("deck %q: want one line with single spaces, none around ::", deck)
		}
		for _, tag := range strings.FieldsFunc(tags, unicode.IsSpace) {
			if strings.HasPrefix(tag, "_") || strings.HasSuffix(tag, "_") {
				t.Errorf("tag %q", tag)
			}
		}
	}
	if got := records[0][2]; got != `A B C "q"::sub x` {
		t.Errorf("deck %q", got)
	}
	// Frontmatter tags are split at spaces and tabs (as in Obsidian);
	// what is left with other white space inside stays one tag.
	want := []string{"t", "a", `x"y`, "two", "words", "a_b", "n_b", "l_m"}
	if got := strings.FieldsFunc(records[0][3], unicode.IsSpace); !slices.Equal(got, want) {
		t.Errorf("tags %q, want %q", got, want)
	}
}
