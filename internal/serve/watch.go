package serve

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after the last change before it
// rebuilds: an editor's save is often several events (write, rename,
// chmod), and a rebuild per event would be wasted work.
const debounce = 60 * time.Millisecond

// Watch calls onChange after files under src change, until ctx ends.
// Hidden folders and the folders in skip (the output, when it lies inside
// src) are not watched; new folders are watched as they appear.
func Watch(ctx context.Context, src string, skip []string, onChange func(paths []string)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	skipped := func(p string) bool {
		for _, s := range skip {
			if rel, err := filepath.Rel(s, p); err == nil && !strings.HasPrefix(rel, "..") {
				return true
			}
		}
		return false
	}
	addTree := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") || skipped(p) {
				return fs.SkipDir
			}
			w.Add(p)
			return nil
		})
	}
	addTree(src)

	var pending []string
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if skipped(ev.Name) || strings.HasPrefix(filepath.Base(ev.Name), ".") {
				continue
			}
			if ev.Has(fsnotify.Create) {
				addTree(ev.Name) // a new folder: watch it and what is in it
			}
			pending = append(pending, ev.Name)
			timer.Reset(debounce)
		case <-timer.C:
			changed := pending
			pending = nil
			onChange(changed)
		case <-w.Errors:
			// An overflowed queue loses events; a full rebuild catches up.
			pending = append(pending, src)
			timer.Reset(debounce)
		}
	}
}
