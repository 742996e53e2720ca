package site

import (
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/flipdeck/flipdeck/internal/slug"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// mediaSet names the output copy of every attachment and records which
// ones pages really use, so that only those are copied. Rendering runs in
// parallel, hence the mutex.
type mediaSet struct {
	names  map[*vault.File]string // output path under media/, decided up front
	byPath map[string]*vault.File
	// download names the documents published as inert files to download
	// (activeDocument), by the name a link saves them under.
	download map[*vault.File]string

	mu    sync.Mutex
	used  map[*vault.File]bool
	sizes map[*vault.File][2]int // images' pixel sizes, read once
}

// newMediaSet gives each non-note file a flat output name under media/:
// its slugged stem plus extension, with -2, -3 … on a clash in path order.
// Flat names keep every page's relative URL to a file the same, and
// slugging drops characters (a leading "_", "%2F") that hosts mishandle.
//
// Unless unsafeHTML, a document that would run script in the site's
// origin when opened (activeDocument) is published as text, under its
// name plus ".txt", and links to it download it under its own name.
func newMediaSet(files []*vault.File, unsafeHTML bool) *mediaSet {
	m := &mediaSet{names: map[*vault.File]string{}, byPath: map[string]*vault.File{}, used: map[*vault.File]bool{},
		download: map[*vault.File]string{}}
	taken := map[string]bool{}
	sorted := append([]*vault.File(nil), files...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Path < sorted[j].Path })
	for _, f := range sorted {
		if f.IsNote() {
			continue
		}
		base, ext := path.Base(f.Path), path.Ext(f.Path)
		if len(ext) > maxMediaExt || strings.ContainsFunc(ext, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
			ext = "" // not an extension: part of the name
		}
		// A long name is shortened (stably) to fit a file name, with
		// room for a clash number and gen's backup name around it.
		stem := slug.File(slug.Make(strings.TrimSuffix(base, ext)))
		ext = strings.ToLower(ext)
		inert := ""
		if !unsafeHTML && activeDocument[ext] {
			inert = ".txt"
			m.download[f] = base
		}
		name := "media/" + stem + ext + inert
		for i := 2; taken[name]; i++ {
			name = "media/" + stem + "-" + strconv.Itoa(i) + ext + inert
		}
		taken[name] = true
		m.names[f] = name
		m.byPath[f.Path] = f
	}
	return m
}

// maxMediaExt is the longest extension, in bytes, kept on a media file.
const maxMediaExt = 16

// use marks f as referenced and returns its URL relative to the site
// root, and the name a link saves it under ("" for a file a link opens).
func (m *mediaSet) use(f *vault.File) (string, string) {
	m.mu.Lock()
	m.used[f] = true
	m.mu.Unlock()
	return (&url.URL{Path: m.names[f]}).EscapedPath(), m.download[f]
}

// markUsed marks the files (by vault path) a cached rendering used.
// Paths, not *vault.File, since each build scans the vault anew; a
// cached rendering is only reused when the vault's files are unchanged,
// so every path is found.
func (m *mediaSet) markUsed(paths []string) {
	m.mu.Lock()
	for _, p := range paths {
		if f := m.byPath[p]; f != nil {
			m.used[f] = true
		}
	}
	m.mu.Unlock()
}

// usedFiles returns the referenced files in path order.
func (m *mediaSet) usedFiles() []*vault.File {
	var out []*vault.File
	for f := range m.used {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// imageSize returns the pixel size of image f (PNG, JPEG or GIF) from
// its header, read once per build; 0, 0 for other files or when it cannot
// be read (the page then just lacks the size, as before).
func (m *mediaSet) imageSize(f *vault.File) (width, height int) {
	m.mu.Lock()
	s, ok := m.sizes[f]
	m.mu.Unlock()
	if ok {
		return s[0], s[1]
	}
	if file, err := os.Open(f.Abs); err == nil {
		if cfg, _, err := image.DecodeConfig(file); err == nil && cfg.Width > 0 && cfg.Height > 0 {
			s = [2]int{cfg.Width, cfg.Height}
		}
		file.Close()
	}
	m.mu.Lock()
	if m.sizes == nil {
		m.sizes = map[*vault.File][2]int{}
	}
	m.sizes[f] = s
	m.mu.Unlock()
	return s[0], s[1]
}
