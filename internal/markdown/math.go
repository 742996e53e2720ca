package markdown

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"unicode"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/displaymath"
	"github.com/flipdeck/flipdeck/internal/texmath"
)

// Math: the passthrough extension cuts $…$, \(…\) (inline) and $$…$$,
// \[…\] (display) out of the text before any other inline parser can see
// them, so highlights, tags, wikilinks and cloze braces never apply
// inside math. A $$ that starts a line and is closed on a later one is a
// block of its own (mathblock.go). The transformer converts each formula
// to MathML with internal/texmath; a problem is a warning naming its
// line, and a broken formula is shown as its TeX source.
//
// A guard parser runs before passthrough for a single '$' and applies
// Obsidian's rule that "$5 and $10" is not math: the opening '$' must be
// followed, and the closing one preceded, by a non-space, and the closing
// one must not be followed by a digit. For "$$" it warns when nothing
// closes it.

// toMathML converts TeX to MathML.
var toMathML = texmath.ToMathML

type math struct {
	ast.BaseInline
	source  string // as written, with delimiters
	tex     string
	display bool
	html    string // MathML, sanitised; "" on error
}

var kindMath = ast.NewNodeKind("Math")

func (n *math) Kind() ast.NodeKind { return kindMath }

func (n *math) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": n.tex}, nil)
}

// mathBlock is display math standing as a block: a formula of the
// display math block parser (mathblock.go) or passthrough's $$…$$ that
// stood alone in its paragraph.
type mathBlock struct {
	ast.BaseBlock
	m      *math
	closed bool // the parser has seen its closing $$
}

// IsRaw keeps goldmark's inline parsers out of the TeX.
func (n *mathBlock) IsRaw() bool { return true }

var kindMathBlock = ast.NewNodeKind("MathBlock")

func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// dollarGuard implements Obsidian's rule for single '$'.
type dollarGuard struct{}

func (dollarGuard) Trigger() []byte { return []byte{'$'} }

func (dollarGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	literal := func(n int) ast.Node {
		block.Advance(n)
		return ast.NewTextSegment(seg.WithStop(seg.Start + n))
	}
	if len(line) >= 2 && line[1] == '$' {
		// $$: display math, passthrough's when it closes in this block.
		if closesInBlock(block, displaymath.Delim) {
			return nil
		}
		if st := getState(pc); st != nil {
			st.warn(seg.Start, diag.KindMath, unclosedDisplayMath)
		}
		return literal(2)
	}
	if len(line) < 2 || unicode.IsSpace(rune(line[1])) {
		return literal(1)
	}
	// Find the closing '$' the way passthrough will (first '$', over lines).
	l, pos := block.Position()
	block.Advance(1)
	bad, found := false, false
	for !found {
		cur, _ := block.PeekLine()
		if cur == nil {
			break // no closer: passthrough leaves it as text
		}
		if i := bytes.IndexByte(cur, '$'); i >= 0 { // not string(cur): a copy of the line per '$'
			found = true
			// i == 0 is a '$' starting a later line: after a newline.
			bad = i == 0 || unicode.IsSpace(rune(cur[i-1])) ||
				(i+1 < len(cur) && cur[i+1] >= '0' && cur[i+1] <= '9')
			break
		}
		block.AdvanceLine()
	}
	block.SetPosition(l, pos)
	if bad {
		return literal(1)
	}
	return nil
}

// unclosedDisplayMath is the warning for a $$ that nothing closes.
const unclosedDisplayMath = "unclosed $$: no closing $$ follows in the same paragraph, quote or list item " +
	"(a formula never spans a heading or a code fence), so it is shown as text; add the closing $$, or write \\$ for a dollar sign"

// closesInBlock reports whether delim, which the reader is at, is
// followed by another delim in the rest of the block, as passthrough
// looks for it. The reader is left where it was.
func closesInBlock(block text.Reader, delim string) bool {
	l, pos := block.Position()
	defer block.SetPosition(l, pos)
	block.Advance(len(delim))
	for {
		cur, _ := block.PeekLine()
		if cur == nil {
			return false
		}
		if bytes.Contains(cur, []byte(delim)) {
			return true
		}
		block.AdvanceLine()
	}
}

func (dollarGuard) CloseBlock(parent ast.Node, pc parser.Context) {}

// convertMath replaces a passthrough node by a converted math node.
func (st *state) convertMath(n ast.Node) {
	var source string
	var display bool
	var d *passthrough.Delimiters
	switch p := n.(type) {
	case *passthrough.PassthroughInline:
		source, d = string(p.Segment.Value(st.src)), p.Delimiters
		display = d.Open == "$$" || d.Open == `\[`
	case *passthrough.PassthroughBlock:
		var b strings.Builder
		for i := 0; i < p.Lines().Len(); i++ {
			seg := p.Lines().At(i)
			b.Write(seg.Value(st.src))
		}
		source, d, display = b.String(), p.Delimiters, true
	default:
		return
	}
	if d == nil || len(source) < len(d.Open)+len(d.Close) {
		return
	}
	source = dropLineMarkers(source)
	m := &math{source: source, tex: strings.TrimSpace(source[len(d.Open) : len(source)-len(d.Close)]), display: display}
	// In a table cell "\|" is how a note writes "|" (GFM splits cells on |).
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTableCell {
			m.tex = strings.ReplaceAll(m.tex, `\|`, "|")
			break
		}
	}
	off := nodeOffset(n)
	m.SetPos(off)
	st.renderTeX(m, off, len(d.Open))
	parent := n.Parent()
	if parent == nil {
		return
	}
	if n.Type() == ast.TypeBlock {
		parent.ReplaceChild(parent, n, &mathBlock{m: m})
	} else {
		parent.ReplaceChild(parent, n, m)
	}
}

// convertMathBlock converts the formula of a display math block.
func (st *state) convertMathBlock(n *mathBlock) {
	if n.m == nil {
		return
	}
	off := nodeOffset(n)
	n.m.SetPos(off)
	st.renderTeX(n.m, off, len(displaymath.Delim))
}

// dropLineMarkers removes, from a formula that spans lines of a
// paragraph, what starts its continuation lines: indentation and the '>'
// markers of the quotes and callouts it is in. goldmark gives inline
// parsers one source range, markers included; paragraph lines themselves
// never start with '>' (that would open a quote), so every leading '>'
// is a marker.
func dropLineMarkers(s string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		line, rest, more := strings.Cut(s, "\n")
		b.WriteString(line)
		if !more {
			return b.String()
		}
		b.WriteByte('\n')
		s = strings.TrimLeft(rest, " \t>")
	}
}

// renderTeX converts m.tex to MathML into m.html. off is the offset of
// the formula (its opening delimiter, open bytes long) in the source. A
// problem is a warning at the line it is on. When texmath's output marks
// every problem where it is (an unknown command as <merror> with its
// name) it is shown; when the TeX is broken (unbalanced braces, missing
// arguments) the output could drop or move parts of the formula, so
// m.html stays empty and the TeX source is shown instead.
func (st *state) renderTeX(m *math, off, open int) {
	out, err := st.r.mathML(m.tex, m.display)
	if err != nil {
		fix := "; fix the TeX"
		if !texmath.Marked(err) {
			out, fix = "", "; fix the TeX (until then it is shown as written)"
		}
		line := st.line(off) + texErrorLine(m.source, open, err)
		st.warnLine(line, diag.KindMath, "math "+quoteShort(m.tex)+": "+err.Error()+fix)
	}
	// texmath escapes every text and emits only MathML elements, so its
	// output is used as it is: TestMathSurvivesSanitiser and FuzzToMathML
	// check that the sanitiser policy would leave it unchanged, and
	// running bluemonday over every formula cost 7% of a whole build.
	m.html = out
}

// texErrorLine returns how many lines below the opening delimiter of
// source the problem err reports lies.
func texErrorLine(source string, open int, err error) int {
	var te *texmath.Error
	if !errors.As(err, &te) || open > len(source) {
		return 0
	}
	body := source[open:]
	lead := len(body) - len(strings.TrimLeft(body, " \t\r\n"))
	at := min(lead+te.Offset, len(body))
	return strings.Count(source[:open+at], "\n")
}

// Notes repeat their formulas ($x$, $n$, $O(n)$; a generated vault
// almost only repeats), and the conversion is a pure function of the TeX
// and the display flag, so the renderer keeps the results for short TeX,
// up to maxCacheBytes in all.
const maxCachedTeX = 256

type mathKey struct {
	tex     string
	display bool
}

type mathResult struct {
	html string
	err  error
}

type mathCache struct {
	mu    sync.RWMutex
	m     map[mathKey]mathResult
	bytes int // of TeX and MathML kept
}

// mathML is toMathML, remembered.
func (r *Renderer) mathML(tex string, display bool) (string, error) {
	if len(tex) > maxCachedTeX {
		return toMathML(tex, display)
	}
	c := &r.mathCache
	k := mathKey{tex, display}
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return v.html, v.err
	}
	v.html, v.err = toMathML(tex, display)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[mathKey]mathResult)
	}
	if n := len(tex) + len(v.html); c.bytes+n <= maxCacheBytes {
		c.m[k] = v
		c.bytes += n
	}
	c.mu.Unlock()
	return v.html, v.err
}

func quoteShort(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return "“" + s + "”"
}

type mathExt struct{}

func (mathExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(dollarGuard{}, 200)),
		// Before the paragraph parser, which is the only other one that
		// a '$' at the start of a line reaches.
		parser.WithBlockParsers(util.Prioritized(displayMathParser{}, 650)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindMath, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				writeMath(w, n.(*math), false)
			}
			return ast.WalkSkipChildren, nil
		})
		reg.Register(kindMathBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if m := n.(*mathBlock).m; entering && m != nil {
				writeMath(w, m, true)
			}
			return ast.WalkSkipChildren, nil
		})
		// Never write a passthrough node raw, even if one is left over.
		raw := func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				if p, ok := n.(*passthrough.PassthroughInline); ok {
					_, _ = w.Write(util.EscapeHTML(p.Segment.Value(src)))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		reg.Register(passthrough.KindPassthroughInline, raw)
		reg.Register(passthrough.KindPassthroughBlock, raw)
	}), 50)))
}

func writeMath(w util.BufWriter, m *math, block bool) {
	switch {
	case m.html != "":
		_, _ = w.WriteString(m.html)
	case block:
		_, _ = w.WriteString(`<pre class="math-error"><code>`)
		writeEscaped(w, m.source)
		_, _ = w.WriteString("</code></pre>")
	default:
		_, _ = w.WriteString(`<code class="math-error">`)
		writeEscaped(w, m.source)
		_, _ = w.WriteString("</code>")
	}
	if block {
		_ = w.WriteByte('\n')
	}
}
