package markdown

import (
	"sync"
	"time"
)

// Budgets: some inputs cost far more than their size. A note embedding
// another 40 times, which embeds a third 40 times, and so on, expands to
// 40³ copies (1.9 KB of notes made 491 MB of pages); chroma's regexps
// backtrack on some code (a 1 MB block opening an unclosed comment took a
// minute). A Budget bounds that work for all the renders of one note;
// what goes over it is shown plainly (an embed as a link, code without
// highlighting) with a warning at the line that caused it.

const (
	// maxEmbeddedBytes bounds the Markdown that note embeds add to the
	// renders of one note, counting embeds inside embedded notes; a
	// note's pages then hold at most about this much embedded text.
	maxEmbeddedBytes = 1 << 20
	// maxNoteEmbeds bounds how many note embeds the renders of one note
	// expand (each is a render of its own, small or not).
	maxNoteEmbeds = 1000
	// maxEmbedReadBytes bounds the notes read to find what is embedded:
	// a small section of a big note costs the whole note.
	maxEmbedReadBytes = 32 << 20
)

// A Budget is shared by the renders of one note (Options.Budget): its
// card sides, reading text and breadcrumbs, and the notes they embed.
// It is safe for concurrent use; the renders of one note run one after
// another, so what goes over it does not depend on timing, except for
// code highlighting, which is also bounded in time (see code.go).
type Budget struct {
	mu          sync.Mutex
	embedBytes  int  // Markdown of note embeds expanded so far
	embedRead   int  // bytes of the notes they come from
	embeds      int  // note embeds expanded so far
	spent       bool // an embed was refused
	embedWarned bool // …and a warning said so

	// codeOver is the CPU time spent on code blocks that went over their
	// highlighting time limit; past codeOverLimit, later blocks of the
	// note are not highlighted.
	codeOver       time.Duration
	codeOverWarned bool
}

// NewBudget returns a budget for the renders of one note.
func NewBudget() *Budget { return &Budget{} }

// embed reports whether a note embed of size bytes of Markdown, from a
// note of read bytes, may be expanded, and counts it when it may. Once
// one is refused, all are.
func (b *Budget) embed(size, read int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.spent || b.embeds+1 > maxNoteEmbeds || b.embedBytes+size > maxEmbeddedBytes || b.embedRead+read > maxEmbedReadBytes {
		b.spent = true
		return false
	}
	b.embeds++
	b.embedBytes += size
	b.embedRead += read
	return true
}

// embedsSpent reports whether an embed was refused.
func (b *Budget) embedsSpent() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.spent
}

// takeEmbedWarning reports, once, that an embed was refused.
func (b *Budget) takeEmbedWarning() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.spent || b.embedWarned {
		return false
	}
	b.embedWarned = true
	return true
}

// budget returns the budget of this call's note, making one for this
// call (and the renders it starts) when the caller gave none.
func (st *state) budget() *Budget {
	if st.opt.Budget == nil {
		st.opt.Budget = NewBudget()
	}
	return st.opt.Budget
}
