package notes

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestLinearTime guards against quadratic loops: inputs built to stress
// each scanner (long lines of $, `, {, ::, # and many cards) must parse
// in time roughly proportional to their size.
func TestLinearTime(t *testing.T) {
	pieces := []string{
		"$a ", "`` ` ", "{x ", "a :: ", "#t ", "%%", "<!--SR: ", "==h ", "{{c1::",
	}
	for _, p := range pieces {
		one := strings.Repeat(p, 20000)                                           // one long line
		many := strings.Repeat("## Q "+p+" #card\n"+p+"\n^1700000000000\n", 5000) // many cards
		for _, src := range []string{one, many, "---\ncards-deck: D\n---\n" + one, "#flashcards\n" + many} {
			start := time.Now()
			Parse("a/b.md", []byte(src), Options{Tags: []string{"card"}, HighlightCloze: true})
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("piece %q: %d bytes took %v", p, len(src), d)
			}
		}
	}
}

func BenchmarkParseSeed(b *testing.B) {
	src, err := os.ReadFile(seedPath)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Parse("AWS/Kinesis.md", src, DefaultOptions())
	}
}
