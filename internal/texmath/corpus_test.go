package texmath

import (
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"
)

type mathSpan struct {
	file    string
	line    int
	tex     string
	display bool
}

// extractMath finds the $...$ and $$...$$ spans of a Markdown note the way
// Obsidian does: not in fenced or inline code, \$ is a literal dollar, an
// inline span stays on one line, its opening $ is not followed by a space
// and its closing $ is not preceded by a space nor followed by a digit
// (so "costs $5 and $6" is text).
func extractMath(file, text string) []mathSpan {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	// Blank out fenced code blocks, keeping line numbers.
	lines := strings.Split(text, "\n")
	fence := ""
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t>-*+0123456789.")
		t = strings.TrimLeft(t, " \t")
		if fence == "" {
			if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
				fence = t[:3]
				lines[i] = ""
			}
			continue
		}
		if strings.HasPrefix(t, fence) {
			fence = ""
		}
		lines[i] = ""
	}
	src := strings.Join(lines, "\n")

	var spans []mathSpan
	lineAt := func(off int) int { return strings.Count(src[:off], "\n") + 1 }
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\\':
			i++ // escaped character, e.g. \$
		case c == '`':
			n := 0
			for i+n < len(src) && src[i+n] == '`' {
				n++
			}
			closing := strings.Index(src[i+n:], strings.Repeat("`", n))
			if closing < 0 {
				i += n - 1
				continue
			}
			i += n + closing + n - 1
		case c == '$' && strings.HasPrefix(src[i:], "$$"):
			end := strings.Index(src[i+2:], "$$")
			if end < 0 {
				i++
				continue
			}
			spans = append(spans, mathSpan{file, lineAt(i), src[i+2 : i+2+end], true})
			i += 2 + end + 1
		case c == '$':
			if i+1 >= len(src) || src[i+1] == ' ' || src[i+1] == '\t' || src[i+1] == '\n' {
				continue
			}
			j := i + 1
			found := -1
			for ; j < len(src) && src[j] != '\n'; j++ {
				if src[j] == '\\' {
					j++
					continue
				}
				if src[j] == '$' && src[j-1] != ' ' && src[j-1] != '\t' &&
					(j+1 >= len(src) || src[j+1] < '0' || src[j+1] > '9') {
					found = j
					break
				}
			}
			if found < 0 {
				continue
			}
			spans = append(spans, mathSpan{file, lineAt(i), src[i+1 : found], false})
			i = found
		}
	}
	return spans
}

func TestExtractMath(t *testing.T) {
	text := "a $x$ and `$no$` and \\$5 $$\\frac12\n$$\n```\n$code$\n```\na $ b$ c end $y_1$"
	got := extractMath("f.md", text)
	want := []string{"x", "\\frac12\n", "y_1"}
	if len(got) != len(want) {
		t.Fatalf("got %d spans %+v, want %v", len(got), got, want)
	}
	for i, s := range got {
		if s.tex != want[i] {
			t.Errorf("span %d = %q, want %q", i, s.tex, want[i])
		}
	}
	if !got[1].display || got[0].display || got[2].line != 6 {
		t.Errorf("wrong display flags or lines: %+v", got)
	}
}

// TestCorpus converts every math span of the real-world notes and reports
// the ones that give an error. The corpus is the target: zero errors.
func TestCorpus(t *testing.T) {
	var spans []mathSpan
	for _, f := range corpus.Realworld(t) {
		spans = append(spans, extractMath(f.Path, string(f.Src))...)
	}
	if len(spans) < 100 {
		t.Fatalf("found only %d math spans; is the extractor broken?", len(spans))
	}
	failed := 0
	for _, s := range spans {
		out, err := ToMathML(s.tex, s.display)
		checkWellFormed(t, s.tex, out)
		if err != nil {
			failed++
			t.Errorf("%s:%d: %q: %v", s.file, s.line, s.tex, err)
		}
	}
	t.Logf("corpus: %d math spans, %d with errors", len(spans), failed)
}
