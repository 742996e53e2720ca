package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/site"
)

// The benchmarks use one generated vault of benchNotes notes of
// benchCards cards (seed 1):
//
//	go test ./bench -run '^$' -bench . -benchtime 3x
const (
	benchNotes = 200
	benchCards = 10
	benchSeed  = 1
)

func benchVault() *vaultgen.Vault {
	return vaultgen.Generate(vaultgen.Config{Notes: benchNotes, Cards: benchCards, Seed: benchSeed})
}

func mdBytes(v *vaultgen.Vault) int64 {
	var n int64
	for _, f := range v.Notes {
		n += int64(len(f.Data))
	}
	return n
}

func reportNotes(b *testing.B, notesPerOp int) {
	b.ReportMetric(float64(notesPerOp)*float64(b.N)/b.Elapsed().Seconds(), "notes/s")
}

// BenchmarkParseNotes: notes.Parse over every note of the vault, held in
// memory (one goroutine). MB/s is Markdown input read.
func BenchmarkParseNotes(b *testing.B) {
	v := benchVault()
	opt := notes.DefaultOptions()
	b.SetBytes(mdBytes(v))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, f := range v.Notes {
			notes.Parse(f.Path, f.Data, opt)
		}
	}
	reportNotes(b, len(v.Notes))
}

// stubResolver resolves every link and embed to a plausible site URL, so
// the renderer does all its work without the site package.
type stubResolver struct{}

func (stubResolver) Link(from, target string) (markdown.Target, bool) {
	file, frag, _ := strings.Cut(target, "#")
	url := "decks/" + strings.ReplaceAll(strings.ToLower(file), " ", "-") + ".html"
	if frag != "" {
		url += "#" + strings.ToLower(strings.ReplaceAll(frag, " ", "-"))
	}
	return markdown.Target{URL: url}, true
}

func (stubResolver) Embed(from, target string) (markdown.Target, bool, error) {
	return markdown.Target{URL: "media/" + target, Kind: markdown.EmbedImage}, true, nil
}

// BenchmarkRender: markdown Render of every note's whole body (as parsed
// by notes.Parse), one goroutine. MB/s is Markdown body rendered.
func BenchmarkRender(b *testing.B) {
	v := benchVault()
	var bodies []snippet
	for _, f := range v.Notes {
		n := notes.Parse(f.Path, f.Data, notes.DefaultOptions())
		bodies = append(bodies, snippet{n.Path, n.BodyLine, n.Body})
	}
	benchSnippets(b, bodies, "notes/s")
}

// BenchmarkBuild: site.Build of the vault (written once to a temporary
// folder) into a fresh output folder each time, all cores. MB/s is
// Markdown input.
func BenchmarkBuild(b *testing.B) {
	v := benchVault()
	src := filepath.Join(b.TempDir(), "vault")
	if err := vaultgen.Write(src, v); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(mdBytes(v))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		out := filepath.Join(b.TempDir(), "public")
		b.StartTimer()
		res, err := site.Build(site.Options{Src: src, Out: out, Title: "Bench"})
		if err != nil {
			b.Fatal(err)
		}
		if res.Notes != benchNotes || res.Cards != benchNotes*benchCards {
			b.Fatalf("built %d notes and %d cards, want %d and %d", res.Notes, res.Cards, benchNotes, benchNotes*benchCards)
		}
	}
	reportNotes(b, len(v.Notes))
}

// BenchmarkRebuildOneNote: what gen -serve does after a save. A Builder
// builds a 1,000-note vault once; each iteration then edits one note's
// answer and rebuilds (the reported time is the rebuild alone).
func BenchmarkRebuildOneNote(b *testing.B) {
	v := vaultgen.Generate(vaultgen.Config{Notes: 1000, Cards: benchCards, Seed: benchSeed})
	dir := b.TempDir()
	src := filepath.Join(dir, "vault")
	if err := vaultgen.Write(src, v); err != nil {
		b.Fatal(err)
	}
	builder := site.NewBuilder(site.Options{Src: src, Out: filepath.Join(dir, "public"), Title: "Bench"})
	if _, err := builder.Build(); err != nil {
		b.Fatal(err)
	}
	note := filepath.Join(src, filepath.FromSlash(v.Notes[len(v.Notes)/2].Path))
	data, err := os.ReadFile(note)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		edited := append(append([]byte(nil), data...), fmt.Sprintf("\n\nEdit %d.\n", i)...)
		if err := os.WriteFile(note, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := builder.Build()
		if err != nil {
			b.Fatal(err)
		}
		if res.Written == 0 {
			b.Fatal("the edit changed nothing")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/rebuild")
}

// TestVaultCards checks that a small generated vault reads as intended:
// every note has exactly its cards, and nothing is reported as an error.
func TestVaultCards(t *testing.T) {
	const n, m = 30, 10
	v := vaultgen.Generate(vaultgen.Config{Notes: n, Cards: m, Seed: 7})
	for _, f := range v.Notes {
		note := notes.Parse(f.Path, f.Data, notes.DefaultOptions())
		if len(note.Cards) != m {
			t.Errorf("%s: %d cards, want %d", f.Path, len(note.Cards), m)
		}
		for _, d := range note.Diags {
			t.Errorf("%s", d)
		}
	}
}
