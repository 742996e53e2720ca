package bench

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// corpusSnippets is cardSnippets for the real-world notes in shared/
// (cards tagged #card or #fc), or nil when they are not there.
func corpusSnippets(tb testing.TB) []snippet {
	tb.Helper()
	const dir = "../../shared/corpus/realworld"
	var out []snippet
	opt := notes.Options{Tags: []string{"card", "fc"}}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = appendSnippets(out, notes.Parse(filepath.ToSlash(rel), b, opt))
		return nil
	})
	return out
}

// BenchmarkRenderCards renders every card side and reading segment of the
// benchmark vault with its own Render call, as a site build does (about
// 6,000 small calls an op), so per-call overhead shows as it does in a
// build, unlike the whole-note BenchmarkRender.
//
//	go test ./bench -run '^$' -bench RenderCards -benchmem
func BenchmarkRenderCards(b *testing.B) {
	benchSnippets(b, cardSnippets(b), "calls/s")
}

// BenchmarkRenderCorpusCards is BenchmarkRenderCards over the real-world
// notes in shared/corpus (skipped without them): unlike generated notes
// they rarely repeat a formula or a code block.
func BenchmarkRenderCorpusCards(b *testing.B) {
	snips := corpusSnippets(b)
	if len(snips) == 0 {
		b.Skip("corpus not present")
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
