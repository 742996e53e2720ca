package notes

import "sync"

// A parse needs tables as long as the note (lines, what is known about
// each line, the cards being built) that are garbage the moment Parse
// returns. Parsing thousands of notes, allocating them afresh each time
// is most of the parser's allocation and GC work, so finished parsers go
// back to a pool and their tables are reused.
var parserPool = sync.Pool{New: func() any { return new(parser) }}

// maxPooledLines keeps the tables of an outsized note out of the pool.
const maxPooledLines = 1 << 14

func newParser() *parser { return parserPool.Get().(*parser) }

// release empties p and returns it to the pool. The tables are cleared
// first: they point into the note, which must not stay reachable from
// the pool. Nothing the parse returned points into them (cards are
// copied out of p.cards, decks and contexts are slices of their own).
func (p *parser) release() {
	if cap(p.lines) > maxPooledLines || cap(p.cards) > maxPooledLines || cap(p.norm.buf) > 1<<16 {
		return
	}
	clear(p.lines)
	clear(p.info)
	clear(p.cards)
	clear(p.decks)
	clear(p.deckNames)
	clear(p.heads)
	clear(p.tags)
	*p = parser{
		lines:     p.lines[:0],
		info:      p.info[:0],
		claimed:   p.claimed[:0],
		blocks:    p.blocks[:0],
		cards:     p.cards[:0],
		decks:     p.decks[:0],
		deckNames: p.deckNames[:0],
		deckAt:    p.deckAt[:0],
		heads:     p.heads[:0],
		ctxAt:     p.ctxAt[:0],
		tags:      p.tags[:0],
		norm:      p.norm,
	}
	parserPool.Put(p)
}

// zeroed returns s resized to n zero elements, reusing its array when it
// is large enough.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
