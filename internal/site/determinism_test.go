package site

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// TestDeterministic builds the same vault with one worker and with many,
// and with its notes parsed once and parsed twice (reparse.go), and wants
// byte-identical output.
func TestDeterministic(t *testing.T) {
	dirs := append([]string{"../../content"}, corpus.VaultDirs()...)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			v, _, err := vault.Scan(dir, vault.ScanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			opt := Options{Title: "T", Tags: []string{"card", "fc"}}
			build := func(workers int, keepParsedMax int64) Output {
				opt.Workers = workers
				b := newOneShotBuilder(opt)
				b.keepParsedMax = keepParsedMax
				sink := &memSink{out: Output{}}
				if _, _, err := b.generate(v, sink); err != nil {
					t.Fatal(err)
				}
				return sink.out
			}
			a := build(1, keepParsedMax)
			for _, other := range []struct {
				name string
				out  Output
			}{{"8 workers", build(8, keepParsedMax)}, {"notes parsed twice", build(8, 0)}} {
				if len(a) != len(other.out) {
					t.Fatalf("%s: %d files vs %d files", other.name, len(other.out), len(a))
				}
				for k, va := range a {
					if !bytes.Equal(va, other.out[k]) {
						t.Errorf("%s: %s differs", other.name, k)
					}
				}
			}
		})
	}
}

// TestCorpusBuilds builds every real-world vault (each repository of the
// corpus is its own vault): no crash, every note read, and a report of
// cards per repository and problems by kind.
func TestCorpusBuilds(t *testing.T) {
	for _, dir := range corpus.Vaults(t) {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			res, err := Build(Options{Src: dir, Out: out, Tags: []string{"card", "fc"}})
			if err != nil {
				t.Fatalf("build failed: %v", err)
			}
			if res.Notes == 0 {
				t.Fatal("no notes read")
			}
			t.Logf("%s: %s; problems: %s", name, res.Summary(), res.KindCounts())
		})
	}
}
