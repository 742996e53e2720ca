package site

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
	"sync"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/notes"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// renderedEntry is a note's rendering with the key it was made under.
type renderedEntry struct {
	key   hash
	deps  *noteDeps
	rn    *renderedNote // nil: in the persistent cache, not loaded yet
	diags []diag.Diagnostic
	// stored: the persistent cache holds the rendering (diskcache.go).
	stored bool
}

// renderCache holds renderings between builds, and per build the facts
// their keys are made of.
type renderCache struct {
	mu      sync.Mutex // entries is read and written by render goroutines
	entries map[string]*renderedEntry
	// load reads a stored rendering by its key (nil: no persistent cache).
	load func(hash) (*renderedNote, bool)

	// Per build:
	content   map[string]hash        // note path → hash of its bytes
	placement map[string]hash        // note path → where it sits and its anchors
	vaultSig  hash                   // every file of the vault and its output name
	files     map[string]*vault.File // non-note files by vault path (media sizes)
}

func newRenderCache() *renderCache { return &renderCache{entries: map[string]*renderedEntry{}} }

// prepare computes the per-build facts.
func (c *renderCache) prepare(v *vault.Vault, placed map[string]*placedNote, media *mediaSet, content map[string]hash) {
	c.content = content
	c.files = media.byPath
	c.placement = make(map[string]hash, len(placed))
	for p, pn := range placed {
		c.placement[p] = pn.signature()
	}
	h := sha256.New()
	for _, f := range v.Files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write([]byte(media.names[f]))
		h.Write([]byte{0})
	}
	copy(c.vaultSig[:], h.Sum(nil))
}

// key is the cache key of note n's rendering given what it depended on.
func (c *renderCache) key(n *notes.Note, deps *noteDeps) hash {
	h := sha256.New()
	sum := c.content[n.Path]
	h.Write(sum[:])
	pl := c.placement[n.Path]
	h.Write(pl[:])
	for _, card := range n.Cards {
		h.Write([]byte(card.ID))
		h.Write([]byte{0})
	}
	if deps != nil {
		if deps.vault {
			h.Write(c.vaultSig[:])
		}
		// An image's size is written into the page: a changed file (same
		// name) means a new rendering.
		for _, p := range deps.media {
			if f := c.files[p]; f != nil {
				fmt.Fprintf(h, "%s\x00%d\x00%d\x00", p, f.Size, f.ModTime.UnixNano())
			}
		}
		for _, p := range sortedSet(deps.links) {
			h.Write([]byte(p))
			s, ok := c.placement[p]
			binary.Write(h, binary.LittleEndian, ok)
			h.Write(s[:])
			if deps.embeds[p] {
				s := c.content[p]
				h.Write(s[:])
			}
		}
	}
	var k hash
	copy(k[:], h.Sum(nil))
	return k
}

// lookup returns the cached rendering of n when nothing it depends on
// has changed. A rendering in the persistent cache is loaded only when
// it is used (lazynote.go); render makes it should that fail.
func (c *renderCache) lookup(n *notes.Note, render func() *renderedNote) *renderedEntry {
	c.mu.Lock()
	e := c.entries[n.Path]
	c.mu.Unlock()
	if e == nil || e.key != c.key(n, e.deps) {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.rn == nil {
		key := e.key
		e.rn = &renderedNote{lazy: &lazyNote{load: func() (*renderedNote, bool) { return c.load(key) },
			failed: func() { c.mu.Lock(); e.stored = false; c.mu.Unlock() }}}
	}
	if e.rn.lazy != nil {
		e.rn.lazy.setRender(render)
	}
	return e
}

// store keeps rn, note n's new rendering, and what it depended on.
func (c *renderCache) store(n *notes.Note, deps *noteDeps, rn *renderedNote, diags []diag.Diagnostic) {
	e := &renderedEntry{key: c.key(n, deps), deps: deps, rn: rn, diags: diags}
	c.mu.Lock()
	c.entries[n.Path] = e
	c.mu.Unlock()
}

// prune forgets notes that are gone.
func (c *renderCache) prune(keep map[string]bool) {
	for p := range c.entries {
		if !keep[p] {
			delete(c.entries, p)
		}
	}
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// signature hashes everything other notes' renderings use of pn: its
// deck page, its anchors and its card anchors.
func (pn *placedNote) signature() hash {
	h := sha256.New()
	for _, s := range []string{pn.deck.URL, pn.anchor, pn.headingPrefix} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, a := range pn.cardAnchors {
		// In order: the first card with a name wins, so order matters.
		fmt.Fprintf(h, "%t\x00%s\x00%s\x00", a.block, a.name, a.cardID)
	}
	var s hash
	copy(s[:], h.Sum(nil))
	return s
}
