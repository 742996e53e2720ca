package hugosite

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"gopkg.in/yaml.v3"
)

// theme holds hugo.toml and the layouts, written as they are.
//
//go:embed all:theme
var theme embed.FS

// Summary says what Convert wrote.
type Summary struct {
	Notes, Decks, Attachments int
}

// Convert writes the Hugo site for the vault in src to dst, which must
// not exist or be empty. Build it with `hugo --minify -s dst -d OUT`.
func Convert(src, dst string) (Summary, error) {
	var sum Summary
	if ents, err := os.ReadDir(dst); err == nil && len(ents) > 0 {
		return sum, fmt.Errorf("%s is not empty; give a new folder for the Hugo site", dst)
	}
	mds, files, err := listVault(src)
	if err != nil {
		return sum, err
	}
	s := &site{dst: dst, decks: map[string]*deck{}, notes: map[string]string{}, files: map[string]string{}}
	s.root = &deck{dir: "", names: namer{}}
	var notes []note
	for _, rel := range mds {
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			return sum, err
		}
		n, err := parseNote(rel, data)
		if err != nil {
			return sum, err
		}
		notes = append(notes, n)
	}
	// Pages first, so that links between notes resolve in any order.
	pages := make([]string, len(notes))
	for i, n := range notes {
		d := s.deckOf(n.deck)
		pages[i] = path.Join(d.dir, d.names.unique(n.title))
		if _, dup := s.notes[n.title]; !dup { // Obsidian links to the first of the name
			s.notes[n.title] = "/" + pages[i] + "/"
		}
	}
	for _, rel := range files {
		name := path.Base(rel)
		if _, dup := s.files[name]; !dup {
			s.files[name] = "/" + escapePath(rel)
		}
	}

	if err := s.writeTheme(); err != nil {
		return sum, err
	}
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			return sum, err
		}
		if err := s.write(path.Join("static", rel), data); err != nil {
			return sum, err
		}
	}
	for _, d := range s.order {
		if err := s.page(path.Join("content", d.dir, "_index.md"), pageMatter{Title: d.title}, nil); err != nil {
			return sum, err
		}
	}
	for i, n := range notes {
		fm := pageMatter{Title: n.title, Date: n.date, Tags: n.tags, Deck: strings.Join(n.deck, "::")}
		if err := s.page(path.Join("content", pages[i]+".md"), fm, rewriteLinks(n.body, s)); err != nil {
			return sum, err
		}
	}
	return Summary{Notes: len(notes), Decks: len(s.order), Attachments: len(files)}, nil
}

// listVault lists the vault's notes and its other files (attachments),
// slash-separated and sorted, skipping hidden folders such as .obsidian.
func listVault(src string) (mds, files []string, err error) {
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.EqualFold(path.Ext(rel), ".md") {
			mds = append(mds, rel)
		} else {
			files = append(files, rel)
		}
		return nil
	})
	if err == nil && len(mds) == 0 {
		err = fmt.Errorf("%s: no .md notes; give the folder bench/vaultgen wrote", src)
	}
	sort.Strings(mds)
	sort.Strings(files)
	return mds, files, err
}

// site is the Hugo site being written.
type site struct {
	dst   string
	root  *deck
	decks map[string]*deck // by "A::B" key
	order []*deck          // in the order they were made
	notes map[string]string
	files map[string]string
}

// deck is one deck level: a Hugo section.
type deck struct {
	title string
	dir   string // under content/, slash-separated
	names namer  // slugs taken in dir, by subdecks and notes alike
}

// deckOf returns the section of the deck levels, making it and its
// parents the first time.
func (s *site) deckOf(levels []string) *deck {
	d := s.root
	for i := range levels {
		key := strings.Join(levels[:i+1], "::")
		sub, ok := s.decks[key]
		if !ok {
			sub = &deck{title: levels[i], dir: path.Join(d.dir, d.names.unique(levels[i])), names: namer{}}
			s.decks[key] = sub
			s.order = append(s.order, sub)
		}
		d = sub
	}
	return d
}

func (s *site) note(title string) (string, bool) {
	u, ok := s.notes[title]
	return u, ok
}

func (s *site) attachment(name string) (string, bool) {
	u, ok := s.files[path.Base(name)]
	return u, ok
}

// pageMatter is a content page's front matter.
type pageMatter struct {
	Title string   `yaml:"title"`
	Date  string   `yaml:"date,omitempty"`
	Tags  []string `yaml:"tags,omitempty"`
	Deck  string   `yaml:"deck,omitempty"`
}

// page writes a content file: YAML front matter, then the Markdown.
func (s *site) page(rel string, fm pageMatter, body []byte) error {
	y, err := yaml.Marshal(fm)
	if err != nil {
		return fmt.Errorf("%s: front matter: %w", rel, err)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(y)
	b.WriteString("---\n")
	b.Write(body)
	return s.write(rel, b.Bytes())
}

// writeTheme copies hugo.toml, layouts/ and static/ from the embedded
// theme, and adds chroma's CSS for the highlighted code to style.css.
func (s *site) writeTheme() error {
	err := fs.WalkDir(theme, "theme", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := theme.ReadFile(p)
		if err != nil {
			return err
		}
		if p == "theme/static/style.css" {
			if data, err = withCodeCSS(data); err != nil {
				return err
			}
		}
		return s.write(strings.TrimPrefix(p, "theme/"), data)
	})
	return err
}

// withCodeCSS appends the CSS of chroma's github style for the classes
// Hugo writes (markup.highlight.noClasses = false in hugo.toml).
func withCodeCSS(css []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Write(css)
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err := f.WriteCSS(&b, styles.Get("github")); err != nil {
		return nil, fmt.Errorf("chroma CSS: %w", err)
	}
	return b.Bytes(), nil
}

// write writes data to rel under the site folder, making its folders.
func (s *site) write(rel string, data []byte) error {
	p := filepath.Join(s.dst, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644) // its error names the file
}

// escapePath escapes each segment of a slash-separated path for a URL.
func escapePath(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}
