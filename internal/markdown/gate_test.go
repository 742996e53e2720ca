package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// renderGated renders src with the gates set by hand.
func renderGated(r *Renderer, src string, math, linkify bool) string {
	return renderGatedOpt(r, src, Options{}, math, linkify)
}

func renderGatedOpt(r *Renderer, src string, opt Options, math, linkify bool) string {
	st := &state{r: r, opt: opt}
	st.setSource(src)
	st.mayMath, st.mayLinkify = math, linkify
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(st.src), parser.WithContext(pc))
	var b bytes.Buffer
	_ = r.md.Renderer().Render(&b, st.src, doc)
	return b.String()
}

// TestGates checks that the gates reach the extensions they are for (a
// gate that does not wrap anything would only cost time, silently).
func TestGates(t *testing.T) {
	r := New()
	src := "see www.example.com and $$x^2$$ here"
	open := renderGated(r, src, true, true)
	if !strings.Contains(open, `<a href="http://www.example.com">`) || !strings.Contains(open, "<math") {
		t.Fatalf("gates open: no link or no math:\n%s", open)
	}
	closed := renderGated(r, src, false, false)
	if strings.Contains(closed, "<a ") || strings.Contains(closed, "<math") {
		t.Fatalf("gates closed: link or math made:\n%s", closed)
	}
	if got := r.Render(src, Options{}).HTML; got != open {
		t.Fatalf("Render differs from the open gates:\n%s\n%s", got, open)
	}
}

// TestScanSource checks the gates against what they stand for.
func TestScanSource(t *testing.T) {
	for _, c := range []struct {
		src           string
		math, linkify bool
	}{
		{"plain text: no links", false, false},
		{"$x$", true, false},
		{`\(x\) and \[y\]`, false, false}, // not math in Obsidian
		{`a \ b ( c`, false, false},
		{"mail a@b.org", false, true},
		{"go to www.x.org", false, true},
		{"http://x.org", false, true},
		{"HTTPS://x.org: https://y", false, true},
		{"ftp://x", false, true},
		{"hhttp: x", false, true},
		{"note: http without colon", false, false},
	} {
		st := &state{}
		st.setSource(c.src)
		if st.mayMath != c.math || st.mayLinkify != c.linkify {
			t.Errorf("%q: math %v linkify %v, want %v %v", c.src, st.mayMath, st.mayLinkify, c.math, c.linkify)
		}
	}
}

// FuzzShortcuts compares Render with a render that takes none of its
// shortcuts into goldmark: both gates open and goldmark's own context.
//
//	go test ./internal/markdown -run '^$' -fuzz FuzzShortcuts
func FuzzShortcuts(f *testing.F) {
	for _, s := range []string{"www.a.com [www.b.com](c) $x$ and $$y$$ x@y.org", "[a]: http://x\n\n[a] \\(z\\)",
		"| $a\\|b$ | http://c |\n|---|---|\n| [^1] | d |\n\n[^1]: e"} {
		f.Add(s)
	}
	if ar, err := txtar.ParseFile("testdata/cases.txtar"); err == nil {
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".md") {
				f.Add(string(file.Data))
			}
		}
	}
	r := New()
	opt := Options{Resolver: fakeResolver{}, Root: "../", File: "f.md", Line: 1, HeadingIDPrefix: "p-"}
	f.Fuzz(func(t *testing.T, src string) {
		if src == "" {
			return
		}
		got := r.Render(src, opt).HTML
		if want := renderGatedOpt(r, src, opt, true, true); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", src, got, want)
		}
	})
}
