package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// renderGated renders src with the gates set by hand.
func renderGated(r *Renderer, src string, math, linkify bool) string {
	return renderGatedOpt(r, src, Options{}, math, linkify)
}

func renderGatedOpt(r *Renderer, src string, opt Options, math, linkify bool) string {
	html, _ := renderGatedDiags(r, src, opt, math, linkify)
	return html
}

// renderGatedDiags is renderGatedOpt with the problems found; math opens
// both of the math gates.
func renderGatedDiags(r *Renderer, src string, opt Options, math, linkify bool) (string, []diag.Diagnostic) {
	st := &state{r: r, opt: opt}
	st.setSource(src)
	st.mayMath, st.mayMathBlock, st.mayLinkify = math, math, linkify
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(st.src), parser.WithContext(pc))
	var b bytes.Buffer
	_ = r.md.Renderer().Render(&b, st.src, doc)
	return b.String(), st.diags
}

// TestMathBlockGate: texts with inline math and no "$$", where the
// passthrough transformer is skipped, render as with it, problems and
// their lines included; with "$$" inside a paragraph it runs.
func TestMathBlockGate(t *testing.T) {
	r := New()
	opt := Options{Resolver: fakeResolver{}, Root: "../", File: "f.md", Line: 7, HeadingIDPrefix: "p-"}
	problems := 0
	for _, src := range []string{
		"a $x$ b",
		"$x$",
		"first line $x^2$\nsecond [[Missing]] line $y$",
		"- item $a$ and [[Nowhere]]\n- item two $b$\n  - nested $c$ ![[gone.png]]",
		"> [!note] Title $t$\n> body $x$ [[Missing#Part]]\n> more",
		"# Heading $h$\n\npara $p$ ^blockid\n\n| $a$ | b |\n|---|---|\n| $c$ | [[Missing]] |",
		"text $x$ with *emphasis* and `code $y$` and <b>$z$</b>",
		"1. $a$\n2. $b$\n\n   lazy $c$",
		"a $x$ b\n^1650022240217",
		"a \\$ not math $ and $x$ then $$",
	} {
		src = strings.ReplaceAll(src, `\n`, "\n")
		res := r.Render(src, opt)
		html, diags := renderGatedDiags(r, src, opt, true, true)
		if res.HTML != html {
			t.Errorf("%q:\n got %s\nwant %s", src, res.HTML, html)
		}
		if fmt.Sprint(res.Diags) != fmt.Sprint(diags) {
			t.Errorf("%q: problems\n got %v\nwant %v", src, res.Diags, diags)
		}
		problems += len(diags)
	}
	if problems < 4 {
		t.Fatalf("only %d problems found: the lines of problems are hardly checked", problems)
	}
	// The gate is there: with "$$" inline, the transformer makes a block.
	src := "a $$x$$ b"
	st := &state{}
	st.setSource(src)
	if !st.mayMathBlock {
		t.Fatalf("%q: the transformer's gate is closed", src)
	}
	if got := r.Render(src, opt).HTML; got == renderGatedOpt(r, "a $x$ b", opt, true, true) {
		t.Fatalf("%q renders as inline math: %s", src, got)
	}
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
