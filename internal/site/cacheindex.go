package site

import (
	"encoding/binary"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/flipdeck/flipdeck/internal/outdir"
)

// The index of the persistent cache (diskcache.go): for every note its
// render key, dependencies and diagnostics; for every memoised file its
// key and hash; for every deck its key; for every note file its size,
// modification time and hash, and what the plan needs of the note
// (notefill.go). The entries' bytes are stored apart, under keys made
// from these.

// indexFormat: 3 added the notes' slim parses.
const indexFormat = 3

func encodeIndex(c *stageCache) []byte {
	e := &encoder{}
	if c.disk != nil && c.disk.indexSize > 0 {
		// Grown as it is written, the buffer cost a tenth of a rebuild.
		e.b = make([]byte, 0, c.disk.indexSize+c.disk.indexSize/8)
	}
	e.uint(indexFormat)
	paths := slices.Sorted(maps.Keys(c.renders.entries))
	e.uint(len(paths))
	for _, p := range paths {
		r := c.renders.entries[p]
		e.str(p)
		e.hash(r.key)
		e.deps(r.deps)
		e.diags(r.diags)
	}
	names := slices.Sorted(maps.Keys(c.pages.files))
	e.uint(len(names))
	for _, n := range names {
		f := c.pages.files[n]
		e.str(n)
		e.hash(f.key)
		e.hash(f.f.sum)
		e.uint(f.size)
	}
	urls := slices.Sorted(maps.Keys(c.pages.decks))
	e.uint(len(urls))
	for _, u := range urls {
		e.str(u)
		e.hash(c.pages.decks[u].key)
	}
	// The notes as read, with when the build began (unchangedNote).
	var start int64
	var seen map[string]noteStat
	if c.disk != nil {
		start, seen = c.disk.start.UnixNano(), c.disk.seen
	}
	e.b = binary.AppendVarint(e.b, start)
	paths = slices.Sorted(maps.Keys(seen))
	e.uint(len(paths))
	for _, p := range paths {
		st := seen[p]
		e.str(p)
		e.uint(int(st.size))
		e.b = binary.AppendVarint(e.b, st.mtime)
		e.hash(st.sum)
		if st.raw != "" {
			e.b = append(e.b, st.raw...) // as the last index had it
		} else {
			e.slimNote(st.note)
		}
	}
	return e.b
}

// decodeIndex fills the caches from an index; their bytes are loaded
// when first asked for. It reports false for a damaged index, having
// maybe filled part of them.
func decodeIndex(data []byte, c *stageCache) bool {
	d := newDecoder(data)
	if d.uint() != indexFormat {
		return false
	}
	for n := d.count(); n > 0 && !d.bad; n-- {
		p := d.str()
		e := &renderedEntry{key: d.hash(), stored: true}
		e.deps, e.diags = d.deps(), d.diags()
		c.renders.entries[p] = e
	}
	for n := d.count(); n > 0 && !d.bad; n-- {
		name := d.str()
		f := memoFile{key: d.hash(), stored: true}
		f.f.sum, f.size = d.hash(), d.uint()
		c.pages.files[name] = f
	}
	for n := d.count(); n > 0 && !d.bad; n-- {
		url := d.str()
		c.pages.decks[url] = memoDeck{key: d.hash(), stored: true}
	}
	start := int64(d.int())
	stats := map[string]noteStat{}
	for n := d.count(); n > 0 && !d.bad; n-- {
		p := d.str()
		st := noteStat{size: int64(d.uint())}
		st.mtime = int64(d.int())
		st.sum = d.hash()
		rest := d.b
		st.note = d.slimNote(p)
		st.raw = rest[:len(rest)-len(d.b)]
		stats[p] = st
	}
	if !d.done() {
		return false
	}
	if c.disk != nil && start != 0 {
		c.disk.prevStart, c.disk.stats = time.Unix(0, start), stats
	}
	return true
}

// encodeWritten records what a build wrote to the folder out: each
// file's hash, size and modification time as it is now (a file changed
// later no longer has that time). Files it cannot stat are left out.
func encodeWritten(out string, sums map[string]fileSum) []byte {
	e := &encoder{}
	names := slices.Sorted(maps.Keys(sums))
	e.uint(len(names))
	for _, n := range names {
		info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(n)))
		if err != nil || !info.Mode().IsRegular() {
			e.str("")
			continue
		}
		e.str(n)
		e.hash(sums[n].sum)
		e.uint(sums[n].size)
		e.b = binary.AppendUvarint(e.b, uint64(info.ModTime().UnixNano()))
	}
	return e.b
}

// decodeWritten reads encodeWritten's record; nil when it is damaged.
func decodeWritten(data []byte) map[string]outdir.FileSum {
	d := newDecoder(data)
	n := d.count()
	m := make(map[string]outdir.FileSum, n)
	for ; n > 0 && !d.bad; n-- {
		name := d.str()
		if name == "" {
			continue
		}
		f := outdir.FileSum{Sum: d.hash(), Size: d.uint()}
		f.ModTime = time.Unix(0, int64(d.raw()))
		m[name] = f
	}
	if !d.done() {
		return nil
	}
	return m
}
