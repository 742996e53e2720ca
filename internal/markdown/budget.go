package markdown

import "sync"

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
// another, so what goes over it does not depend on timing (but for code
// highlighting's failsafe, codelimit.go).
type Budget struct {
	mu          sync.Mutex
	embedBytes  int  // Markdown of note embeds expanded so far
	embedRead   int  // bytes of the notes they come from
	embeds      int  // note embeds expanded so far
	spent       bool // an embed was refused
	embedWarned bool // …and a warning said so

	// Code highlighting (codelimit.go): the bytes highlighted, what
	// scanCost said of them, whether a block hit the failsafe, and
	// whether a warning said that later blocks are plain.
	codeBytes  int
	scanSpent  int
	codeFailed bool
	codeWarned bool
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

// takeCode reports why a code block of size bytes is not highlighted
// (the note's earlier blocks used its allowance) and what to do, or ""
// and counts it.
func (b *Budget) takeCode(size int) (why, todo string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.codeFailed:
		return "an earlier code block of this note was too slow to highlight", "see the warning about it"
	case b.scanSpent > maxNoteScanCost:
		return "this note's code blocks together would take chroma too long to highlight", "close the comments or strings left open in the blocks warned about"
	case b.codeBytes+size > maxNoteCodeBytes:
		return "this note has over " + byteSize(maxNoteCodeBytes) + " of code to highlight", "split the note"
	}
	b.codeBytes += size
	return "", ""
}

// takeCodeWarning reports, once, that a note's later blocks are plain.
func (b *Budget) takeCodeWarning() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	warn := !b.codeWarned
	b.codeWarned = true
	return warn
}

// addScan counts what scanCost said of a block.
func (b *Budget) addScan(cost int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.scanSpent += cost
}

// failsafe notes that a block hit the failsafe: the warning said that
// the note's later blocks are plain.
func (b *Budget) failsafe() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.codeFailed, b.codeWarned = true, true
}
