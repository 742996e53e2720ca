package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNamesCannotForgeLines: file and folder names holding line breaks
// (a vault from someone else, a script looping over folder names) must
// not make gen print a line of their choosing: every line of its output
// is one of its own, and the forged text only appears escaped.
func TestNamesCannotForgeLines(t *testing.T) {
	const forged = "forged.md:1: error: pwned"
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	files := map[string]string{
		"a\n" + forged + ".md":     "---\nbad: [\n---\nQ? #card\nA\n",
		"b\r" + forged + ".md":     "Q2? #card\n![[missing.png]]\n",
		"c.md":                     "Q3? #card\n![[d.p\r" + forged + "]]\n",
		"d.p\r" + forged:           "not an image",
		"sub\n" + forged + "/e.md": "---\ncards-deck: \"x\\n" + forged + "\"\n---\nQ4? #card\nA\n",
	}
	for name, data := range files {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	foreign := filepath.Join(dir, "x\n"+forged)
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(foreign, "mine.html"), []byte("mine"), 0o644)
	own := regexp.MustCompile(`^(gen: |\S.*?(:\d+)?: (warning|error): |serving )`)
	for _, args := range [][]string{
		{"-src", src, "-out", filepath.Join(dir, "public")},
		{"-src", src, "-out", filepath.Join(dir, "public\n"+forged)},
		{"-src", src, "-out", foreign},
		{"-src", filepath.Join(dir, "none\n"+forged), "-out", filepath.Join(dir, "p2")},
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		out := stdout.String() + stderr.String()
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !own.MatchString(l) || strings.HasPrefix(l, "forged") {
				t.Errorf("gen %q (exit %d) printed a line that is not its own: %q\nall output:\n%s", args, code, l, out)
			}
		}
	}
}
