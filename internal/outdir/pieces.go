package outdir

import (
	"bytes"
	"io"
)

// pieces are a file's bytes in order, written one after another: a big
// file made of pieces (cards.json, 27 MB at 5,000 notes, from one
// piece per deck) is never joined in memory, which cost a rebuild with
// -cache a tenth of its time in copying and fresh pages.
type pieces [][]byte

// size is the file's length.
func (p pieces) size() int {
	n := 0
	for _, b := range p {
		n += len(b)
	}
	return n
}

func (p pieces) writeTo(w io.Writer) error {
	for _, b := range p {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// equal reports whether p holds the bytes of b.
func (p pieces) equal(b []byte) bool {
	if p.size() != len(b) {
		return false
	}
	for _, x := range p {
		if !bytes.Equal(x, b[:len(x)]) {
			return false
		}
		b = b[len(x):]
	}
	return true
}

// prefix is the first n bytes of p (tests: a write cut short).
func (p pieces) prefix(n int) pieces {
	var out pieces
	for _, b := range p {
		if n <= len(b) {
			return append(out, b[:n])
		}
		out = append(out, b)
		n -= len(b)
	}
	return out
}
