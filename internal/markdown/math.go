package markdown

import (
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
	"github.com/flipdeck/flipdeck/internal/texmath"
)

// Math: the passthrough extension cuts $…$, \(…\) (inline) and $$…$$,
// \[…\] (display) out of the text before any other inline parser can see
// them, so highlights, tags, wikilinks and cloze braces never apply
// inside math. The transformer converts each span to MathML with
// internal/texmath; on error the TeX is shown as code and a warning
// names the line.
//
// A guard parser runs before passthrough for a single '$' and applies
// Obsidian's rule that "$5 and $10" is not math: the opening '$' must be
// followed, and the closing one preceded, by a non-space, and the closing
// one must not be followed by a digit.

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

// mathBlock is display math standing as a block.
type mathBlock struct {
	ast.BaseBlock
	m *math
}

var kindMathBlock = ast.NewNodeKind("MathBlock")

func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// dollarGuard implements Obsidian's rule for single '$'.
type dollarGuard struct{}

func (dollarGuard) Trigger() []byte { return []byte{'$'} }

func (dollarGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) >= 2 && line[1] == '$' {
		return nil // $$: display math, passthrough's
	}
	literal := func() ast.Node {
		block.Advance(1)
		return ast.NewTextSegment(seg.WithStop(seg.Start + 1))
	}
	if len(line) < 2 || unicode.IsSpace(rune(line[1])) {
		return literal()
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
		if i := strings.IndexByte(string(cur), '$'); i >= 0 {
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
		return literal()
	}
	return nil
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
	// texmath returns usable markup (unknown commands marked) even with
	// an error; show it, else the TeX as code, and warn either way.
	out, err := st.r.mathML(m.tex, display)
	if err != nil {
		st.warn(off, diag.KindMath, "math "+quoteShort(m.tex)+": "+err.Error()+"; fix the TeX")
	}
	// texmath escapes every text and emits only MathML elements, so its
	// output is used as it is: TestMathSurvivesSanitiser and FuzzToMathML
	// check that the sanitiser policy would leave it unchanged, and
	// running bluemonday over every formula cost 7% of a whole build.
	m.html = out
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
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(dollarGuard{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindMath, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				writeMath(w, n.(*math), false)
			}
			return ast.WalkSkipChildren, nil
		})
		reg.Register(kindMathBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				writeMath(w, n.(*mathBlock).m, true)
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
