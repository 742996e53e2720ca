package texmath

// The parser builds a small tree whose node kinds correspond one to one to
// MathML elements, so the writer (render.go) stays a plain walk. Keeping
// TeX knowledge in the parser and MathML syntax in the writer means either
// can change without touching the other.

type nodeKind uint8

const (
	kRow       nodeKind = iota // <mrow>, or its only child when it has one
	kIdent                     // <mi>
	kNum                       // <mn>
	kOp                        // <mo>
	kText                      // <mtext>
	kSpace                     // <mspace width=...>
	kFrac                      // <mfrac> numerator, denominator
	kSqrt                      // <msqrt>
	kRoot                      // <mroot> base, index
	kSub                       // <msub> base, script
	kSup                       // <msup> base, script
	kSubSup                    // <msubsup> base, sub, sup
	kUnder                     // <munder> base, script
	kOver                      // <mover> base, script
	kUnderOver                 // <munderover> base, under, over
	kStyle                     // <mstyle> with attrs
	kEnclose                   // <menclose notation=...>
	kPhantom                   // <mphantom>
	kTable                     // <mtable>, see table
	kError                     // <merror><mtext>text</mtext></merror>
)

// limitMode says where scripts attached to a node go.
type limitMode uint8

const (
	limitsNever   limitMode = iota // at the side (msub/msup)
	limitsDisplay                  // above/below in display style (\sum, \lim)
	limitsAlways                   // always above/below (\overbrace, \limits)
)

type attr struct{ name, value string }

type node struct {
	kind   nodeKind
	text   string // content of token elements
	attrs  []attr // written in order, so output is deterministic
	kids   []*node
	tbl    *table
	fn     bool // an operator name like sin: a thin space follows an ordinary
	limits limitMode
}

// table is an environment body (matrix, aligned, cases, ...).
type table struct {
	rows     [][]*node // cells; rows may be ragged, they are never padded
	tags     []*node   // per row, the \tag label or nil
	align    func(col int) string
	colLines []string // colLines[j] is the line left of column j ("" none)
	rowLines []string // rowLines[i] is the line above row i; len(rows)+1 entries
	display  bool     // cells in display style (aligned) rather than text style
	pairs    bool     // align-style: right/left column pairs sit tight together
	spread   bool     // space between column pairs (align, not alignat)
}

func row(kids ...*node) *node { return &node{kind: kRow, kids: kids} }

func leaf(kind nodeKind, text string, attrs ...attr) *node {
	return &node{kind: kind, text: text, attrs: attrs}
}

func op(text string, attrs ...attr) *node { return leaf(kOp, text, attrs...) }

func space(width string) *node { return leaf(kSpace, "", attr{"width", width}) }

func errNode(text string) *node { return leaf(kError, text) }

// fence is an operator that must not grow, as TeX's plain ( ) [ ] do not.
func fence(text string) *node { return op(text, attr{"stretchy", "false"}) }

// isEmpty reports whether n renders as nothing visible (an empty group).
func (n *node) isEmpty() bool { return n == nil || n.kind == kRow && len(n.kids) == 0 }

// startsWithOp reports whether n begins with an operator, which decides
// whether a function name needs a thin space after it (sin x, but sin(x)).
func (n *node) startsWithOp() bool {
	for n != nil {
		switch n.kind {
		case kOp, kSpace:
			return true
		case kRow, kStyle, kSub, kSup, kSubSup, kUnder, kOver, kUnderOver:
			if len(n.kids) == 0 {
				return false
			}
			n = n.kids[0]
		default:
			return false
		}
	}
	return false
}
