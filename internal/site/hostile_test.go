package site

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/vault"
)

// TestLongDeckNames: deck and attachment names too long for a file name
// (84 CJK characters are 252 bytes) build, and build again after a
// change (when gen backs up the files it replaces, under longer names);
// normal names keep their slugs.
func TestLongDeckNames(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	long := strings.Repeat("b", 240)
	files := map[string]string{
		"cjk.md":      "---\ncards-deck: " + strings.Repeat("数", 84) + "\n---\nQ1? #card\nA\n",
		"ascii.md":    "---\ncards-deck: " + strings.Repeat("a", 252) + "\n---\nQ2? #card\nA\n![[" + long + ".png]]\n",
		"normal.md":   "---\ncards-deck: AWS Exams::Solutions Architect\n---\nQ3? #card\nA\n",
		long + ".png": "png",
	}
	writeTree(t, src, files)
	for i, answer := range []string{"A", "B"} {
		if i > 0 {
			for k, v := range files {
				files[k] = strings.ReplaceAll(v, "\nA\n", "\n"+answer+"\n")
			}
			writeTree(t, src, files)
		}
		res, err := Build(Options{Src: src, Out: out})
		if err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		if res.Decks < 4 {
			t.Fatalf("build %d: %d decks", i+1, res.Decks)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "decks", "aws-exams--solutions-architect.html")); err != nil {
		t.Errorf("a normal deck name changed its file: %v", err)
	}
	for _, d := range []string{"decks", "quiz", "data", "media"} {
		entries, _ := os.ReadDir(filepath.Join(out, d))
		for _, e := range entries {
			if len(e.Name()) > 230 {
				t.Errorf("%s/%s: %d bytes", d, e.Name(), len(e.Name()))
			}
		}
	}
}

// TestNoteGoneBeforeItsDeck: a large build reads each note twice (once
// to place it, again when its deck is laid out; reparse.go). A note deleted
// or changed between the two reads is left out with a warning; it never
// gives cards without text.
func TestNoteGoneBeforeItsDeck(t *testing.T) {
	dir := t.TempDir()
	src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
	writeTree(t, src, map[string]string{
		"keep.md":    "Kept? #card\nYes\n",
		"gone.md":    "---\ncards-deck: Gone\n---\nGone one? #card\nAnswer one\n\nGone two? #card\nAnswer two\n",
		"changed.md": "---\ncards-deck: Changed\n---\nC1? #card\nA1\n\nC2? #card\nA2\n",
		"embeds.md":  "Embeds? #card\n![[gone]]\n",
	})
	b := newOneShotBuilder(Options{Src: src, Out: out, Workers: 1})
	b.keepParsedMax = 0 // every note is read again when its deck comes
	b.opt.Progress = func(stage string, done, total int) {
		if stage == "reading notes" && done == total {
			os.Remove(filepath.Join(src, "gone.md"))
			os.WriteFile(filepath.Join(src, "changed.md"), []byte("---\ncards-deck: Changed\n---\nC1? #card\nA1\n"), 0o644)
		}
	}
	res, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	warned := map[string]bool{}
	for _, d := range res.Diags {
		warned[d.File] = true
		t.Log(d)
	}
	for _, f := range []string{"gone.md", "changed.md", "embeds.md"} {
		if !warned[f] {
			t.Errorf("no warning for %s", f)
		}
	}
	if res.Cards != 2 {
		t.Errorf("%d cards, want 2 (kept and embeds)", res.Cards)
	}
	cards, err := os.ReadFile(filepath.Join(out, "cards.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cards), `"question":""`) || strings.Contains(string(cards), "Gone") || strings.Contains(string(cards), "C1") {
		t.Errorf("cards.json has cards of notes that changed during the build:\n%s", cards)
	}
	for _, deck := range []string{"gone", "changed"} {
		page, err := os.ReadFile(filepath.Join(out, "decks", deck+".html"))
		if err == nil && strings.Contains(string(page), `class="card`) {
			t.Errorf("decks/%s.html shows cards of a note that changed during the build", deck)
		}
	}
}

// activeVault has attachments that run script when opened as documents,
// and a note that links and embeds them every way it can.
var activeVault = map[string]string{
	"notes.md": "Attachments? #card\n[[page.html]] ![[page.html]] [md link](page.html) [[feed.xml]]\n\n" +
		"![[drawing.svg]] [[drawing.svg]] ![md image](drawing.svg) [[clean.svg]]\n",
	"page.html":   `<html><body><script>localStorage.setItem("pwned", "page")</script></body></html>`,
	"feed.xml":    `<x xmlns:h="http://www.w3.org/1999/xhtml"><h:script>localStorage.setItem("pwned", "xml")</h:script></x>`,
	"drawing.svg": `<svg xmlns="http://www.w3.org/2000/svg" onload="localStorage.setItem('pwned','svg')"><script>localStorage.setItem("pwned", "svg2")</script><rect width="10" height="10"/></svg>`,
	"clean.svg":   `<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>`,
}

// TestActiveAttachmentsInert: without -unsafe-html no attachment is
// published where it could run script in the site's origin: web pages
// and XML become text files that links download under their own name
// (with a warning), SVGs lose their scripts (with a warning when they had
// any); with -unsafe-html they are published as they are.
func TestActiveAttachmentsInert(t *testing.T) {
	src := t.TempDir()
	writeTree(t, src, activeVault)
	v, _, err := vault.Scan(src, vault.ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out, res := Generate(v, Options{Title: "T"})
	for k, data := range out {
		if strings.HasPrefix(k, "media/") {
			switch path.Ext(k) {
			case ".svg":
				if bad := activeSVG(data); bad != "" {
					t.Errorf("%s has %s:\n%s", k, bad, data)
				}
			case ".txt", ".png":
			default:
				t.Errorf("%s is published", k)
			}
		}
	}
	for _, k := range []string{"media/page.html.txt", "media/feed.xml.txt", "media/drawing.svg", "media/clean.svg"} {
		if out[k] == nil {
			t.Errorf("%s is missing", k)
		}
	}
	deck := string(out["decks/default.html"])
	for _, want := range []string{
		`<a class="wikilink" href="../media/page.html.txt" download="page.html">`,
		`<a class="embed-file" href="../media/page.html.txt" download="page.html">`,
		`<a href="../media/page.html.txt" download="page.html">md link</a>`,
		`href="../media/feed.xml.txt" download="feed.xml"`,
		`<img src="../media/drawing.svg"`,
		`<a class="wikilink" href="../media/drawing.svg">`,
	} {
		if !strings.Contains(deck, want) {
			t.Errorf("the deck page lacks %s", want)
		}
	}
	warned := map[string]bool{}
	for _, d := range res.Diags {
		if d.Kind == kindActive {
			warned[d.File] = true
		}
	}
	if !warned["page.html"] || !warned["feed.xml"] || !warned["drawing.svg"] || warned["clean.svg"] {
		t.Errorf("warnings for %v; want page.html, feed.xml and drawing.svg", warned)
	}

	out, _ = Generate(v, Options{Title: "T", UnsafeHTML: true})
	if string(out["media/page.html"]) != activeVault["page.html"] || string(out["media/drawing.svg"]) != activeVault["drawing.svg"] {
		t.Errorf("-unsafe-html: attachments not published as they are")
	}
}
