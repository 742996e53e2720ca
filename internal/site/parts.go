package site

import (
	"os"
	"sync"
)

// parts holds each deck's piece of a site-wide file (the Anki
// files) from when the deck is laid out until the pieces are joined at the
// end. In a one-off build they wait in a temporary file rather than in
// memory: together they are as big as the Anki files, and nothing reads
// them before the end. (cards.json is written in deck order as it goes:
// cardsWriter.)
type parts struct {
	mu    sync.Mutex
	spool *os.File // nil: kept in memory
	end   int64
	mem   [][]byte
	off   []int64
	size  []int
}

// newParts makes room for n pieces, spooled to a temporary file when
// spool is set (and a temporary file can be made).
func newParts(n int, spool bool) *parts {
	p := &parts{mem: make([][]byte, n), off: make([]int64, n), size: make([]int, n)}
	if spool {
		if f, err := os.CreateTemp("", "flipdeck-parts-*"); err == nil {
			p.spool = f
		}
	}
	return p
}

// set stores piece i. A piece that cannot be spooled stays in memory.
func (p *parts) set(i int, b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.size[i] = len(b)
	if p.spool != nil && len(b) > 0 {
		if _, err := p.spool.WriteAt(b, p.end); err == nil {
			p.off[i] = p.end
			p.end += int64(len(b))
			return
		}
	}
	p.mem[i] = b
}

// get returns piece i.
func (p *parts) get(i int) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.mem[i] != nil || p.size[i] == 0 {
		return p.mem[i]
	}
	b := make([]byte, p.size[i])
	if _, err := p.spool.ReadAt(b, p.off[i]); err != nil {
		panic("flipdeck: reading back a temporary file failed: " + err.Error())
	}
	return b
}

// len is the size of piece i.
func (p *parts) len(i int) int { return p.size[i] }

// close removes the temporary file.
func (p *parts) close() {
	if p.spool != nil {
		p.spool.Close()
		os.Remove(p.spool.Name())
	}
}
