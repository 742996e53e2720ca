package hugosite

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
	"github.com/flipdeck/flipdeck/internal/slug"
	"gopkg.in/yaml.v3"
)

// convertVault writes a small generated vault and its Hugo site; it
// returns the site's folder.
func convertVault(t *testing.T, notes int) string {
	t.Helper()
	vault := t.TempDir()
	if err := vaultgen.Write(vault, vaultgen.Generate(vaultgen.Config{Notes: notes, Cards: 5, Seed: 1})); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	sum, err := Convert(vault, site)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Notes != notes {
		t.Errorf("Convert says %d notes, want %d", sum.Notes, notes)
	}
	return site
}

// readTree maps every file under dir (slash-separated) to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestConvert(t *testing.T) {
	const notes = 60
	site := convertVault(t, notes)
	files := readTree(t, site)
	for _, want := range []string{"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html",
		"layouts/_default/list.html", "layouts/index.html", "layouts/404.html", "static/style.css",
		"static/attachments/img-1.png"} {
		if files[want] == nil {
			t.Errorf("no %s in the site", want)
		}
	}
	if !bytes.Contains(files["static/style.css"], []byte(".chroma")) {
		t.Error("style.css has no CSS for chroma's classes")
	}
	pages, sections := 0, 0
	for rel, data := range files {
		if !strings.HasPrefix(rel, "content/") {
			continue
		}
		if strings.HasSuffix(rel, "/_index.md") {
			sections++
			continue
		}
		pages++
		fm, body := frontOf(t, rel, data)
		if fm.Title == "" || fm.Deck == "" || len(fm.Tags) == 0 || fm.Date == "" {
			t.Errorf("%s: front matter %+v lacks a title, deck, tags or date", rel, fm)
		}
		if want := strings.Join(strings.Split(fm.Deck, "::"), "/"); !strings.Contains(rel, slugPath(want)) {
			t.Errorf("%s: not in its deck's section %q", rel, fm.Deck)
		}
		checkLinks(t, rel, body, files)
	}
	if pages != notes {
		t.Errorf("%d content pages, want %d", pages, notes)
	}
	if sections < 4 {
		t.Errorf("%d deck sections, want one per deck level (at least 4)", sections)
	}
}

// slugPath slugs each level of a slash-separated deck path.
func slugPath(p string) string {
	parts := strings.Split(p, "/")
	for i := range parts {
		parts[i] = slug.Make(parts[i])
	}
	return strings.Join(parts, "/")
}

// frontOf splits and decodes a content page's front matter.
func frontOf(t *testing.T, rel string, data []byte) (pageMatter, string) {
	t.Helper()
	yml, body, ok := splitFrontmatter(data)
	var fm pageMatter
	if !ok {
		t.Fatalf("%s: no front matter", rel)
	}
	if err := yaml.Unmarshal(yml, &fm); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	return fm, string(body)
}

// checkLinks wants no wikilink left outside code, and every Markdown link
// and image to name a page or file of the site.
func checkLinks(t *testing.T, rel, body string, files map[string][]byte) {
	t.Helper()
	inFence := false
	for i, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if !inFence && strings.Contains(line, "[[") {
			t.Errorf("%s: body line %d keeps a wikilink: %s", rel, i+1, line)
		}
	}
	for _, m := range strings.Split(body, "](/")[1:] {
		target, _, _ := strings.Cut(m, ")")
		target, _, _ = strings.Cut(target, "#")
		var want string
		if strings.HasSuffix(target, "/") {
			want = "content/" + strings.TrimSuffix(target, "/") + ".md"
		} else {
			want = "static/" + target
		}
		if files[want] == nil {
			t.Errorf("%s: link to /%s, but the site has no %s", rel, target, want)
		}
	}
}

func TestConvertDeterministic(t *testing.T) {
	a, b := readTree(t, convertVault(t, 40)), readTree(t, convertVault(t, 40))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for rel, data := range a {
		if !bytes.Equal(data, b[rel]) {
			t.Errorf("%s differs between two conversions of the same vault", rel)
		}
	}
}

func TestConvertRefusesFullFolder(t *testing.T) {
	vault, site := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "keep.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Convert(vault, site); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Convert into a folder with a file: %v, want an error saying it is not empty", err)
	}
}

// TestHugoBuilds builds the converted site with the hugo on PATH, as
// bench/run.sh does.
func TestHugoBuilds(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not on PATH (Debian: apt-get install hugo); the conversion is tested without it")
	}
	const notes = 40
	site := convertVault(t, notes)
	build := func() map[string][]byte {
		out := filepath.Join(t.TempDir(), "public")
		cmd := exec.Command(hugo, "--quiet", "--minify", "--source", site, "--destination", out)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("hugo: %v\n%s", err, b)
		}
		return readTree(t, out)
	}
	files, again := build(), build()
	// run.sh compares output bytes: they must not change between runs.
	if len(files) != len(again) {
		t.Errorf("hugo wrote %d files, then %d", len(files), len(again))
	}
	for rel, data := range files {
		if !bytes.Equal(data, again[rel]) {
			t.Errorf("%s differs between two Hugo builds of the same site", rel)
		}
	}
	for _, want := range []string{"index.html", "404.html", "style.css", "attachments/img-1.png"} {
		if files[want] == nil {
			t.Errorf("hugo wrote no %s", want)
		}
	}
	notePages, highlighted := 0, 0
	for rel, data := range files {
		if !strings.HasSuffix(rel, "/index.html") {
			continue
		}
		if bytes.Contains(data, []byte("class=crumbs")) && bytes.Contains(data, []byte("<article>")) {
			notePages++
		}
		if bytes.Contains(data, []byte("class=chroma")) {
			highlighted++
		}
		if bytes.Contains(data, []byte(`href=/`)) || bytes.Contains(data, []byte(`src=/`)) {
			t.Errorf("%s: a root-relative URL; the site's URLs must be relative", rel)
		}
	}
	if notePages != notes {
		t.Errorf("%d note pages, want %d", notePages, notes)
	}
	if highlighted == 0 {
		t.Error("no page has code highlighted by chroma")
	}
	if !bytes.Contains(files["index.html"], []byte(fmt.Sprintf("<p>%d notes in ", notes))) {
		t.Errorf("index.html does not count %d notes:\n%s", notes, files["index.html"])
	}
}
