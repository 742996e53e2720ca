package site

import "testing"

func TestAnkiHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<img src="../media/a.png" alt="x">`, `<img src="a.png" alt="x">`},
		{`<a href="../media/doc.pdf">pdf</a>`, `<a href="doc.pdf">pdf</a>`},
		{`<a href="../decks/x.html#card-q1">x</a> and <a href="../decks/y.html">y</a>`, `<a href="#">x</a> and <a href="#">y</a>`},
		{`<a href="https://example.com/">web</a>`, `<a href="https://example.com/">web</a>`},
		{`<a href="../broken`, `<a href="../broken`},
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
	}
	for _, tt := range tests {
		if got := ankiField(tt.in); got != tt.want {
			t.Errorf("ankiField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
