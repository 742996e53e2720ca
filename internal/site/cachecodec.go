package site

import (
	"encoding/binary"
	"html/template"
	"unsafe"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/layout"
)

// The persistent build cache (diskcache.go) stores renderings and its
// index as bytes in this small format: unsigned varints, and strings as
// a length and their bytes. It is faster than encoding/gob for the
// strings renderings are made of, and the store's version (a hash of
// the gen binary) means no other layout ever reads it.

type encoder struct{ b []byte }

func (e *encoder) uint(v int)   { e.b = binary.AppendUvarint(e.b, uint64(v)) }
func (e *encoder) str(s string) { e.uint(len(s)); e.b = append(e.b, s...) }
func (e *encoder) hash(h hash)  { e.b = append(e.b, h[:]...) }

func (e *encoder) strs(ss []string) {
	e.uint(len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

// decoder reads what encoder wrote; bad input sets bad and gives zero
// values from then on (a damaged entry is a miss, never a crash). It
// reads a string, so that the strings it returns are pieces of one copy
// of the entry rather than one allocation each (a rendering holds
// hundreds).
type decoder struct {
	b   string
	bad bool
}

// newDecoder reads b, which no one may change afterwards: the strings
// it returns are b's bytes, not copies (b comes from the store, read for
// this decoder alone; copying 70 MB of notes was a tenth of a rebuild).
func newDecoder(b []byte) *decoder {
	return &decoder{b: unsafe.String(unsafe.SliceData(b), len(b))}
}

func (d *decoder) fail() {
	d.bad, d.b = true, ""
}

// raw reads an unsigned varint (encoding/binary's format).
func (d *decoder) raw() uint64 {
	var v uint64
	for i := 0; i < len(d.b) && i < binary.MaxVarintLen64; i++ {
		c := d.b[i]
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			d.b = d.b[i+1:]
			return v
		}
	}
	d.fail()
	return 0
}

func (d *decoder) uint() int { return int(d.raw()) }

func (d *decoder) str() string {
	n := d.raw()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) hash() (h hash) {
	if len(d.b) < len(h) {
		d.fail()
		return h
	}
	copy(h[:], d.b)
	d.b = d.b[len(h):]
	return h
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count reads a number of items, each at least one byte long: a
// larger number is damage, not an allocation to try.
func (d *decoder) count() int {
	n := d.raw()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

// done reports whether the whole input was read without damage.
func (d *decoder) done() bool { return !d.bad && len(d.b) == 0 }

func encodeRendered(rn *renderedNote) []byte {
	e := &encoder{b: make([]byte, 0, 2*rn.blocksSize()+1024)}
	v := &rn.view
	e.str(v.Title)
	e.str(v.Path)
	e.str(v.Anchor)
	e.str(v.TitleID)
	e.uint(len(v.Blocks))
	for _, b := range v.Blocks {
		e.str(string(b.HTML))
	}
	e.uint(len(v.Contents))
	for _, c := range v.Contents {
		e.str(c.ID)
		e.str(c.Text)
		e.str(string(c.HTML))
	}
	e.uint(len(rn.cards))
	for _, c := range rn.cards {
		e.str(c.question)
		e.str(c.answer)
		e.strs(c.context)
		e.str(c.questionText)
		e.str(c.answerText)
	}
	return e.b
}

func decodeRendered(b []byte) (*renderedNote, bool) {
	d := newDecoder(b)
	rn := &renderedNote{}
	v := &rn.view
	v.Title, v.Path, v.Anchor, v.TitleID = d.str(), d.str(), d.str(), d.str()
	if n := d.count(); n > 0 {
		v.Blocks = make([]layout.BlockView, n)
		for i := range v.Blocks {
			v.Blocks[i].HTML = template.HTML(d.str())
		}
	}
	if n := d.count(); n > 0 {
		v.Contents = make([]layout.ContentsItem, n)
		for i := range v.Contents {
			v.Contents[i] = layout.ContentsItem{ID: d.str(), Text: d.str(), HTML: template.HTML(d.str())}
		}
	}
	if n := d.count(); n > 0 {
		rn.cards = make([]renderedCard, n)
		for i := range rn.cards {
			c := &rn.cards[i]
			c.question, c.answer, c.context, c.questionText, c.answerText = d.str(), d.str(), d.strs(), d.str(), d.str()
		}
	}
	return rn, d.done()
}

func (e *encoder) diags(ds []diag.Diagnostic) {
	e.uint(len(ds))
	for _, x := range ds {
		e.str(x.File)
		e.uint(x.Line)
		e.str(x.Kind)
		e.str(x.Message)
		e.uint(int(x.Severity))
	}
}

func (d *decoder) diags() []diag.Diagnostic {
	n := d.count()
	if n == 0 {
		return nil
	}
	ds := make([]diag.Diagnostic, n)
	for i := range ds {
		ds[i] = diag.Diagnostic{File: d.str(), Line: d.uint(), Kind: d.str(), Message: d.str(), Severity: diag.Severity(d.uint())}
	}
	return ds
}

func (e *encoder) deps(x *noteDeps) {
	e.strs(sortedSet(x.links))
	e.strs(sortedSet(x.embeds))
	e.strs(x.media)
	e.bool(x.vault)
}

func (d *decoder) deps() *noteDeps {
	x := &noteDeps{links: map[string]bool{}, embeds: map[string]bool{}}
	for _, p := range d.strs() {
		x.links[p] = true
	}
	for _, p := range d.strs() {
		x.embeds[p] = true
	}
	x.media = d.strs()
	x.vault = d.bool()
	return x
}
