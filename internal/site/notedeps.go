package site

import (
	"sync"

	"github.com/flipdeck/flipdeck/internal/vault"
)

// noteDeps is what a note's rendering looked at besides its own text:
// the notes it linked to or embedded, the files it used, and whether it
// asked the vault to find anything (then a new or removed file anywhere
// can change the answer).
type noteDeps struct {
	links  map[string]bool // note paths linked or embedded
	embeds map[string]bool // note paths whose text was embedded
	media  []string        // vault paths of the files used
	vault  bool
}

// depRecorder collects noteDeps while notes render in parallel.
type depRecorder struct {
	mu   sync.Mutex
	deps map[string]*noteDeps // by the rendering note's path
}

func newDepRecorder() *depRecorder { return &depRecorder{deps: map[string]*noteDeps{}} }

func (r *depRecorder) get(from string) *noteDeps {
	d := r.deps[from]
	if d == nil {
		d = &noteDeps{links: map[string]bool{}, embeds: map[string]bool{}}
		r.deps[from] = d
	}
	return d
}

func (r *depRecorder) usedVault(from string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.get(from).vault = true
	r.mu.Unlock()
}

func (r *depRecorder) linked(from, to string, embedded bool) {
	if r == nil {
		return
	}
	r.mu.Lock()
	d := r.get(from)
	d.links[to] = true
	if embedded {
		d.embeds[to] = true
	}
	r.mu.Unlock()
}

func (r *depRecorder) usedMedia(from string, f *vault.File) {
	if r == nil {
		return
	}
	r.mu.Lock()
	d := r.get(from)
	d.media = append(d.media, f.Path)
	r.mu.Unlock()
}

// take returns and forgets the deps recorded for from.
func (r *depRecorder) take(from string) *noteDeps {
	r.mu.Lock()
	defer r.mu.Unlock()
	d := r.get(from)
	delete(r.deps, from)
	return d
}
