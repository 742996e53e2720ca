package notes

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
)

// BenchmarkParseStress parses inputs built to stress each scanner (long
// lines of $, `, {, ::, # and many cards) at two sizes, so that a
// quadratic loop shows as the second taking four times the first, not
// twice. (A benchmark, not a test with a time limit: timings belong in
// benchmarks, where a busy machine makes them slow, not red.)
//
//	go test ./internal/notes -run '^$' -bench ParseStress
func BenchmarkParseStress(b *testing.B) {
	pieces := []string{
		"$a ", "`` ` ", "{x ", "a :: ", "#t ", "%%", "<!--SR: ", "==h ", "{{c1::",
		"*{*x ", "{1: x ", "a::b ", "[k:: ", "\\\\{ ",
	}
	opt := Options{Tags: []string{"card"}, HighlightCloze: true}
	for i, p := range pieces {
		for _, n := range []int{10000, 20000} {
			one := strings.Repeat(p, n)                                              // one long line
			many := strings.Repeat("## Q "+p+" #card\n"+p+"\n^1700000000000\n", n/4) // many cards
			srcs := []string{one, many, "---\ncards-deck: D\n---\n" + one, "#flashcards\n" + many}
			b.Run(fmt.Sprintf("piece%d/n%d", i, n), func(b *testing.B) {
				for b.Loop() {
					for _, src := range srcs {
						Parse("a/b.md", []byte(src), opt)
					}
				}
			})
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

// BenchmarkParseVault parses a generated vault held in memory, like a
// site build does (about 6 KB per note, every card form, code and math).
// MB/s is Markdown input read.
func BenchmarkParseVault(b *testing.B) {
	v := vaultgen.Generate(vaultgen.Config{Notes: 200, Cards: 10, Seed: 1})
	var size int64
	for _, f := range v.Notes {
		size += int64(len(f.Data))
	}
	opt := DefaultOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range v.Notes {
			Parse(f.Path, f.Data, opt)
		}
	}
}

// BenchmarkParseCorpus parses the real-world notes (skipped when the
// corpus is not there, as in CI) with the tags those vaults use.
func BenchmarkParseCorpus(b *testing.B) {
	files := corpus.Realworld(b)
	var size int64
	for _, f := range files {
		size += int64(len(f.Src))
	}
	opt := Options{Tags: []string{"card", "fc"}}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			Parse(f.Path, f.Src, opt)
		}
	}
}
