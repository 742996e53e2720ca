package site

import "testing"

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
	}
	for _, tt := range tests {
		if got := ankiField(tt.in); got != tt.want {
			t.Errorf("ankiField(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
