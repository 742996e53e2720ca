package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/layout"
)

// bigDeckNames makes the deck paths of a vault of 1,000 decks: "tree",
// 10 subjects of 9 courses of 10 chapters (10 + 90 + 900 decks), or
// "flat", 1,000 top-level decks with names of one to three words.
func bigDeckNames(shape string) [][]string {
	words := strings.Fields(`Algorithms Networks Databases Compilers Security Statistics Calculus Geometry
		Biology Chemistry Physics Anatomy History Economics Law Grammar Vocabulary Kanji Verbs Finance
		Marketing Ethics Logic Topology Genetics Ecology Optics Acoustics Botany Zoology Music Painting`)
	var out [][]string
	switch shape {
	case "tree":
		for s := 0; s < 10; s++ {
			subject := words[s] + " and " + words[(s*7+3)%len(words)]
			for c := 0; c < 9; c++ {
				course := fmt.Sprintf("%s %s %d", words[(s+c*5)%len(words)], []string{"Fundamentals", "Advanced Topics", "Exam Prep"}[c%3], 100+c*11+s)
				for ch := 0; ch < 10; ch++ {
					out = append(out, []string{subject, course, fmt.Sprintf("Chapter %d: %s", ch+1, words[(s*3+c*2+ch)%len(words)])})
				}
			}
		}
	case "flat":
		for i := 0; i < 1000; i++ {
			name := words[i%len(words)]
			if i%3 > 0 {
				name += " " + words[(i/3)%len(words)]
			}
			if i%5 == 0 {
				name += " " + words[(i/7)%len(words)]
			}
			out = append(out, []string{fmt.Sprintf("%s %d", name, i)})
		}
	}
	return out
}

// writeBigDeckVault writes one note of three cards per deck path.
func writeBigDeckVault(t *testing.T, dir string, decks [][]string) {
	t.Helper()
	files := map[string]string{}
	for i, d := range decks {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ncards-deck: %s\n---\n", strings.Join(d, "::"))
		for q := 1; q <= 3; q++ {
			fmt.Fprintf(&b, "## Question %d of note %d? #card\nAnswer %d.\n\n", q, i, q)
		}
		files[fmt.Sprintf("n%04d/Note %d.md", i, i)] = b.String()
	}
	writeTree(t, dir, files)
}

var hrefRe = regexp.MustCompile(`href="(?:\.\./)?(decks/[^"#]+\.html)"`)

// TestIndexScales: at 1,000 decks the index is at most 60 KB gzip (a
// size, not a time), lists the top level, and every deck can be reached
// without JavaScript (from the index or the page of a deck it lists);
// data/decks.json has what the page script needs to make the rows the
// index leaves out.
func TestIndexScales(t *testing.T) {
	for _, shape := range []string{"tree", "flat"} {
		t.Run(shape, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "src")
			writeBigDeckVault(t, src, bigDeckNames(shape))
			_, files, res := buildDir(t, src, Options{})
			if res.Decks != 1000 {
				t.Fatalf("%d decks, want 1000", res.Decks)
			}
			index := files["index.html"]
			var gz bytes.Buffer
			w, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
			w.Write(index)
			w.Close()
			t.Logf("index.html: %d bytes, %d gzip", len(index), gz.Len())
			if gz.Len() > 60<<10 {
				t.Errorf("index.html is %d bytes gzip, over 60 KB", gz.Len())
			}
			var list []layout.DeckListEntry
			if err := json.Unmarshal(files["data/decks.json"], &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != 1000 {
				t.Fatalf("data/decks.json lists %d decks", len(list))
			}
			reached := map[string]bool{}
			for _, m := range hrefRe.FindAllSubmatch(index, -1) {
				reached[string(m[1])] = true
			}
			for _, d := range list {
				if d.Title == "" || d.URL == "" || len(d.IDs) == 0 && len(d.Kids) == 0 {
					t.Fatalf("data/decks.json entry %+v lacks what a row needs", d)
				}
				if !strings.Contains(d.Name, " › ") && !reached[d.URL] {
					t.Errorf("the index does not list the top-level deck %s", d.URL)
				}
			}
			for page := range reached {
				for _, m := range hrefRe.FindAllSubmatch(files[page], -1) {
					reached[string(m[1])] = true
				}
			}
			for _, d := range list {
				if !reached[d.URL] {
					t.Errorf("%s cannot be reached without JavaScript from the index or a page it links", d.URL)
				}
			}
		})
	}
}
