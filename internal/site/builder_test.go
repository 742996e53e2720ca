package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/vault"
)

// TestRebuildMatchesFreshBuild edits a vault between builds of one
// Builder (as gen -serve does) and wants, after every edit, exactly the
// output a fresh build of the edited vault gives: the caches may save
// work, never change the result.
func TestRebuildMatchesFreshBuild(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	write := fileWriter(t, src)
	write("A.md", "---\ncards-deck: D::A\n---\n## Alpha? #card\nFirst answer, see [[B#Beta?]].\n\n![[B#Beta?]]\n")
	write("B.md", "---\ncards-deck: D::B\n---\n## Beta? #card\nBeta answer.\n\n![[pic.png]]\n")
	write("C.md", "---\ncards-deck: D::A\n---\nGamma? #card\nGamma answer.\n")
	write("pic.png", "png")

	opt := Options{Src: src, Out: out, Title: "T"}
	b := NewBuilder(opt)
	steps := []struct {
		name string
		edit func()
	}{
		{"first build", func() {}},
		{"nothing changed", func() {}},
		{"answer edited", func() { write("C.md", "---\ncards-deck: D::A\n---\nGamma? #card\nA new gamma answer.\n") }},
		{"embedded note edited", func() {
			write("B.md", "---\ncards-deck: D::B\n---\n## Beta? #card\nBeta answer, changed.\n\n![[pic.png]]\n")
		}},
		{"breadcrumb with a link and an embed", func() {
			write("C.md", "---\ncards-deck: D::A\n---\n## Part **one** [[B|bee]] ![[B#Beta?]]\nGamma? #card\nGamma answer.\n")
		}},
		{"note embedded in a breadcrumb edited", func() {
			write("B.md", "---\ncards-deck: D::B\n---\n## Beta? #card\nBeta answer, changed again.\n\n![[pic.png]]\n")
		}},
		{"linked heading renamed", func() { write("B.md", "---\ncards-deck: D::B\n---\n## Beta renamed? #card\nBeta answer.\n") }},
		{"note added", func() { write("E.md", "---\ncards-deck: D::B\n---\nEpsilon? #card\nE.\n\n[[A]]\n") }},
		{"note moved to another deck", func() { write("A.md", "---\ncards-deck: Other\n---\n## Alpha? #card\nFirst answer.\n") }},
		{"note removed", func() { os.Remove(filepath.Join(src, "C.md")) }},
		{"duplicate question appears", func() { write("F.md", "---\ncards-deck: D::B\n---\nEpsilon? #card\nAgain.\n") }},
	}
	for _, st := range steps {
		st.edit()
		res, err := b.Build()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		v, _, err := vault.Scan(src, vault.ScanOptions{Skip: []string{out}})
		if err != nil {
			t.Fatal(err)
		}
		fresh, freshRes := Generate(v, opt)
		if len(fresh) != len(b.cache.written) {
			t.Fatalf("%s: %d files, a fresh build has %d", st.name, len(b.cache.written), len(fresh))
		}
		for k, want := range fresh {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(k)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %s differs from a fresh build (%v)", st.name, k, err)
			}
		}
		if len(res.Diags) != len(freshRes.Diags) {
			t.Errorf("%s: %d diagnostics, a fresh build has %d: %v vs %v", st.name, len(res.Diags), len(freshRes.Diags), res.Diags, freshRes.Diags)
		}
		for _, name := range []string{"index.html", "cards.json"} {
			disk, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !bytes.Equal(disk, fresh[name]) {
				t.Errorf("%s: %s on disk is not the fresh build's (%v)", st.name, name, err)
			}
		}
		if st.name == "nothing changed" && res.Written != 0 {
			t.Errorf("an unchanged rebuild wrote %d files", res.Written)
		}
	}
	if page, _ := os.ReadFile(filepath.Join(out, "decks", "d--a.html")); strings.Contains(string(page), "Gamma") {
		t.Error("removed note still on its deck page")
	}
}

// TestRebuildReusesRenderings checks the caches are really used: after
// one note's answer changes, only that note is rendered again.
func TestRebuildReusesRenderings(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.CopyFS(src, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(Options{Src: src, Out: filepath.Join(dir, "public"), Title: "T"})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	before := map[string]*renderedNote{}
	for p, e := range b.cache.renders.entries {
		before[p] = e.rn
	}
	note := filepath.Join(src, "Flipdeck Tour", "Keyboard.md")
	data, _ := os.ReadFile(note)
	if err := os.WriteFile(note, bytes.Replace(data, []byte("Space or Enter"), []byte("Space or Return"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	for p, e := range b.cache.renders.entries {
		reused := before[p] == e.rn
		if want := p != "Flipdeck Tour/Keyboard.md"; reused != want {
			t.Errorf("%s: rendering reused = %v, want %v", p, reused, want)
		}
	}
}

// fileWriter returns a function that writes text to the slash path
// name under dir, making its folders.
func fileWriter(t *testing.T, dir string) func(name, text string) {
	return func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
