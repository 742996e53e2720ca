package site

// Builder builds one site again and again: `gen` builds once, `gen
// -serve` rebuilds after every change to the source.
type Builder struct {
	opt Options
}

// NewBuilder returns a builder for opt.
func NewBuilder(opt Options) *Builder { return &Builder{opt: opt} }

// Build builds the site and writes it, as Build does.
func (b *Builder) Build() (*Result, error) { return Build(b.opt) }
