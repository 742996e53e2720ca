package layout

import (
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"
	"github.com/flipdeck/flipdeck/internal/markdown"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/plaintext"
)

// renderCrumb renders heading Markdown as internal/site's renderNote does for Crumbs.
func renderCrumb(md *markdown.Renderer) func(string) string {
	return func(src string) string {
		return md.Render(src, markdown.Options{Resolver: crumbTestResolver{}, Root: PageRoot, File: "n.md"}).HTML
	}
}

func TestCrumbs(t *testing.T) {
	md := markdown.New()
	n := &notes.Note{Path: "a/My **Note**.md", Title: "My **Note**"}
	c := NewCrumbs(n, renderCrumb(md))
	for _, tc := range []struct {
		raw, want []string
	}{
		{nil, nil},
		{[]string{"My **Note**"}, []string{"My **Note**"}}, // the title is a file name
		{[]string{"My **Note**", "Plain heading", "0.1: [Intro](https://example.com/x)"},
			[]string{"My **Note**", "Plain heading", "0.1: Intro"}},
		{[]string{"t", "**Bold** and *it* and ==hi== and ~~old~~", "Solution (C\\#) \\[v2]", "`code` &amp; <b>x</b>"},
			[]string{"t", "Bold and it and hi and old", "Solution (C#) [v2]", "code & x"}},
		{[]string{"t", "Modes: [[../../OS|Ring-3]] and [[OS#Part]] #os/modes ^abc123"},
			[]string{"t", "Modes: Ring-3 and OS > Part #os/modes"}},
		{[]string{"t", ":TiNotes: Description", "a  b\tc"}, []string{"t", "Description", "a b c"}},
	} {
		if got := c.Of(tc.raw); !slices.Equal(got, tc.want) {
			t.Errorf("of(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
	// A note embedded in a heading gives one line.
	c = NewCrumbs(n, func(src string) string {
		return md.Render(src, markdown.Options{Resolver: noteEmbedResolver{}, Root: PageRoot, File: "n.md"}).HTML
	})
	if got := c.Of([]string{"t", "See ![[Other]]"}); !slices.Equal(got, []string{"t", "See Line one. Line two."}) {
		t.Errorf("note embed: got %q", got)
	}
	// The same headings again give the same slice, and no render.
	c = NewCrumbs(n, renderCrumb(md))
	raw := []string{"t", "**x**"}
	first := c.Of(raw)
	c.render = func(string) string { t.Fatal("rendered again"); return "" }
	if again := c.Of(slices.Clone(raw)); &again[0] != &first[0] {
		t.Error("a card under the same headings did not share the breadcrumb")
	}
	if got := c.Of([]string{"t", "y", "**x**"}); !slices.Equal(got, []string{"t", "y", "x"}) {
		t.Errorf("memoised heading: got %q", got)
	}
	// A note without a title has headings only.
	c = NewCrumbs(&notes.Note{Path: "x.md"}, renderCrumb(md))
	if got := c.Of([]string{"**x**"}); !slices.Equal(got, []string{"x"}) {
		t.Errorf("no title: got %q", got)
	}
}

// TestPlainHeading checks plainHeading's promise, that such a heading
// renders to itself as plain text, on every breadcrumb heading of the
// sample and the real-world corpus and on a few made-up ones.
func TestPlainHeading(t *testing.T) {
	heads := []string{"Plain", "Ünïcode Überschrift 点火公式 🔴 ⟋ ∋", "a (b) - c, d. e? f/g 'h' \"i\" +j @k",
		"www.example.com", "1. Not a list", "- not a list", "> not a quote", "+ x", "x +", "C# and F#"}
	opt := notes.DefaultOptions()
	opt.Tags = []string{"card", "fc"}
	for _, f := range corpus.WithSample(t, filepath.Join("..", "..", "content")) {
		n := notes.Parse(f.Path, f.Src, opt)
		for _, c := range n.Cards {
			if len(c.Context) > 1 {
				heads = append(heads, c.Context[1:]...)
			}
		}
	}
	render, plain := renderCrumb(markdown.New()), 0
	for _, h := range heads {
		if !plainHeading(h) {
			continue
		}
		plain++
		if got := plaintext.FromHTML(render("# " + h)); got != h {
			t.Errorf("plainHeading(%q), but it reads %q", h, got)
		}
	}
	if plain == 0 {
		t.Error("no plain heading checked")
	}
	t.Logf("%d of %d headings plain", plain, len(heads))
	for _, h := range []string{"", " a", "a ", "a  b", "a\tb", "a\u00a0b", "**b**", "C\\#", "$n$", "[x](y)", "[[x]]",
		"==x==", "~~x~~", "`x`", "<b>x</b>", "&amp;", ":RiX: y", "x ^abc123", "#tag", "x[^1]", "a\x00b", "\xff"} {
		if plainHeading(h) {
			t.Errorf("plainHeading(%q) = true", h)
		}
	}
}

// noteEmbedResolver embeds every target as a note of two paragraphs.
type noteEmbedResolver struct{}

func (noteEmbedResolver) Link(from, target string) (markdown.Target, bool) {
	return markdown.Target{URL: "decks/x.html"}, true
}

func (noteEmbedResolver) Embed(from, target string) (markdown.Target, bool, error) {
	return markdown.Target{URL: "decks/x.html", Kind: markdown.EmbedNote, Markdown: "Line one.\n\nLine two.\n"}, true, nil
}

// crumbTestResolver resolves every link and embed, as an image when the
// target has an extension and as a link to a deck page otherwise.
type crumbTestResolver struct{}

func (crumbTestResolver) Link(from, target string) (markdown.Target, bool) {
	return markdown.Target{URL: "decks/x.html#" + target, Kind: markdown.EmbedNote}, true
}

func (crumbTestResolver) Embed(from, target string) (markdown.Target, bool, error) {
	if path.Ext(target) == "" {
		return markdown.Target{URL: "decks/x.html", Kind: markdown.EmbedNote, Markdown: "Embedded."}, true, nil
	}
	return markdown.Target{URL: "media/" + target, Kind: markdown.EmbedImage}, true, nil
}
