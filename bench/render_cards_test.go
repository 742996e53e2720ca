package bench

import (
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"

	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
)

// snippet is one Render call of a site build: a card question or answer,
// or a reading segment.
type snippet struct {
	file string
	line int
	text string
}

// cardSnippets parses the benchmark vault (the one bench/ uses: 200 notes
// of 10 cards, seed 1) and returns what a build renders, in build order.
func cardSnippets(tb testing.TB) []snippet {
	tb.Helper()
	v := benchVault()
	var out []snippet
	for _, f := range v.Notes {
		out = appendSnippets(out, notes.Parse(f.Path, f.Data, notes.DefaultOptions()))
	}
	return out
}

// appendSnippets appends what a site build renders of n, separately.
func appendSnippets(out []snippet, n *notes.Note) []snippet {
	for i, c := range n.Cards {
		if c.Pair >= 0 && c.Pair < i {
			continue // the site reuses the pair's HTML
		}
		out = append(out, snippet{n.Path, c.Line, c.Question}, snippet{n.Path, c.AnswerLine, c.Answer})
	}
	for _, s := range n.Segments {
		if len(s.Cards) == 0 {
			out = append(out, snippet{n.Path, s.Line, s.Text})
		}
	}
	return out
}

// BenchmarkRenderCorpusCards is BenchmarkRenderCards over the real-world
// notes in shared/corpus (skipped without them): unlike generated notes
// they rarely repeat a formula or a code block.
func BenchmarkRenderCorpusCards(b *testing.B) {
	var snips []snippet
	opt := notes.Options{Tags: []string{"card", "fc"}}
	for _, f := range corpus.Realworld(b) {
		snips = appendSnippets(snips, notes.Parse(f.Path, f.Src, opt))
	}
	benchSnippets(b, snips, "calls/s")
}

// benchSnippets renders snips in turn, one goroutine, and reports the
// Markdown rendered (MB/s) and snippets per second under unit.
func benchSnippets(b *testing.B, snips []snippet, unit string) {
	var size int64
	for _, s := range snips {
		size += int64(len(s.text))
	}
	md := markdown.New()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range snips {
			md.Render(s.text, markdown.Options{Resolver: stubResolver{}, Root: "../",
				File: s.file, Line: s.line, HeadingIDPrefix: "n1-"})
		}
	}
	b.ReportMetric(float64(len(snips))*float64(b.N)/b.Elapsed().Seconds(), unit)
}
