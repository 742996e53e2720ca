package site

import "sync"

// lazyNote stands for a rendering in the persistent cache (diskcache.go)
// that is read only when a page needs it: a deck page memoised whole
// never needs its notes' renderings, so a build with one note changed
// reads the renderings of that note's deck only.
type lazyNote struct {
	mu     sync.Mutex
	rn     *renderedNote                // once resolved
	load   func() (*renderedNote, bool) // from the store
	failed func()                       // the store did not give it
	render func() *renderedNote         // renders it again, in the build under way
}

func (l *lazyNote) setRender(render func() *renderedNote) {
	l.mu.Lock()
	l.render = render
	l.mu.Unlock()
}

// resolved returns the rendering rn stands for: rn itself, or the one
// its lazyNote loads, or renders again when the store fails it (a
// damaged entry is a miss, never a wrong page).
func (rn *renderedNote) resolved() *renderedNote {
	if rn == nil || rn.lazy == nil {
		return rn
	}
	l := rn.lazy
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rn == nil {
		var ok bool
		if l.rn, ok = l.load(); !ok {
			l.failed()
			l.rn = l.render()
		}
	}
	return l.rn
}
