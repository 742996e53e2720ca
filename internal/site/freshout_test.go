package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCacheIntoFreshOutput builds the sample vault with a cache folder,
// then again, each time in a new Builder (a new gen process) into an
// output folder that does not exist yet, as a CI run with the cache
// folder restored does: unchanged, with one note edited, and with every
// entry but the index damaged. Each time the site must be the one a
// build without the cache gives. Unchanged, the pages come from the
// cache straight into their files (outdir.Writer.PutFrom), never read
// into memory; damaged, the copies fail their checks and the pages are
// made again.
func TestCacheIntoFreshOutput(t *testing.T) {
	forEachCacheMode(t, func(t *testing.T, lean bool) {
		dir := t.TempDir()
		src, cache := filepath.Join(dir, "src"), filepath.Join(dir, "cache")
		if err := os.CopyFS(src, os.DirFS("../../content")); err != nil {
			t.Fatal(err)
		}
		keyboard := filepath.Join(src, "Flipdeck Tour", "Keyboard.md")
		steps := []struct {
			name string
			edit func()
		}{
			{"cold", func() {}},
			{"unchanged", func() {}},
			{"one note edited", func() {
				data, _ := os.ReadFile(keyboard)
				os.WriteFile(keyboard, bytes.Replace(data, []byte("Space or Enter"), []byte("Space or Return"), 1), 0o644)
			}},
			{"every entry but the index damaged", func() {
				index := indexName(t, src, cache)
				if damageEntries(t, cache, func(p string) bool { return filepath.Base(p) != index }) == 0 {
					t.Fatal("no entries to damage")
				}
			}},
		}
		for i, st := range steps {
			st.edit()
			opt := Options{Src: src, Out: filepath.Join(dir, "fresh", st.name), Title: "T"}
			b, _ := buildCached(t, st.name, opt, cache, lean)
			opt.Out = filepath.Join(dir, "plain", st.name)
			if _, err := Build(opt); err != nil {
				t.Fatal(err)
			}
			sameTrees(t, st.name, filepath.Join(dir, "fresh", st.name), opt.Out)
			if i == 1 && !lean {
				// Kept in memory, a page read from the cache stays loaded.
				if len(b.cache.pages.files) == 0 {
					t.Fatal("no pages memoised")
				}
				for name, f := range b.cache.pages.files {
					if f.loaded {
						t.Errorf("%s: %s was read from the cache into memory", st.name, name)
					}
				}
			}
		}
	})
}
