package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/flipdeck/flipdeck/internal/export"
)

// TestSites builds each whole-site fixture in testdata/sites. A fixture
// is a txtar archive: every file except "assert" is written into a fresh
// source folder; "assert" holds one check per line on the built output:
//
//	exists FILE             the output has FILE
//	!exists FILE            it does not
//	contains FILE TEXT      FILE holds TEXT (the rest of the line)
//	!contains FILE TEXT     it does not
//	cards N                 cards.json lists N cards
//	warning TEXT            some diagnostic's "file:line: ..." text holds TEXT
//	warnings N              exactly N diagnostics
func TestSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			src, out := filepath.Join(dir, "src"), filepath.Join(dir, "public")
			var asserts string
			for _, f := range ar.Files {
				if f.Name == "assert" {
					asserts = string(f.Data)
					continue
				}
				p := filepath.Join(src, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.MkdirAll(src, 0o755); err != nil {
				t.Fatal(err)
			}
			res, err := Build(Options{Src: src, Out: out, Title: "Test"})
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			checkAsserts(t, out, res, asserts)
		})
	}
}

func checkAsserts(t *testing.T, out string, res *Result, asserts string) {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatalf("reading output: %v", err)
		}
		return string(b)
	}
	for n, line := range strings.Split(asserts, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		arg, text, _ := strings.Cut(rest, " ")
		where := "assert line " + strconv.Itoa(n+1) + ": " + line
		switch verb {
		case "exists", "!exists":
			_, err := os.Stat(filepath.Join(out, filepath.FromSlash(rest)))
			if (err == nil) != (verb == "exists") {
				t.Errorf("%s: stat error %v", where, err)
			}
		case "contains":
			if !strings.Contains(read(arg), text) {
				t.Errorf("%s: not found in %s", where, arg)
			}
		case "!contains":
			if strings.Contains(read(arg), text) {
				t.Errorf("%s: found in %s", where, arg)
			}
		case "cards":
			var f export.CardsFile
			if err := json.Unmarshal([]byte(read("cards.json")), &f); err != nil {
				t.Fatalf("%s: %v", where, err)
			}
			if strconv.Itoa(len(f.Cards())) != rest {
				t.Errorf("%s: cards.json has %d cards", where, len(f.Cards()))
			}
		case "warning":
			found := false
			for _, d := range res.Diags {
				found = found || strings.Contains(d.String(), rest)
			}
			if !found {
				t.Errorf("%s: no such diagnostic in %v", where, res.Diags)
			}
		case "warnings":
			if strconv.Itoa(len(res.Diags)) != rest {
				t.Errorf("%s: got %d: %v", where, len(res.Diags), res.Diags)
			}
		default:
			t.Fatalf("%s: unknown check %q", where, verb)
		}
	}
}
