package site

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pipelineLevels ranks the packages the build is made of, lowest first:
// a package may import only packages of a lower level, so data flows one
// way (vault → notes → markdown → the page pieces → site) and no package
// uses one above it or beside it.
var pipelineLevels = [][]string{
	{"", "internal/diag", "internal/slug", "internal/displaymath", "internal/compacthtml"}, // "" is the module root: the embedded files
	{"internal/texmath", "internal/vault", "internal/notes", "internal/outdir", "internal/buildcache"},
	{"internal/markdown", "internal/plaintext", "internal/export"},
	{"internal/layout", "internal/pwa"},
	{"internal/site"},
}

// TestImportDirection checks every package of pipelineLevels against the
// imports of its (non-test) files.
func TestImportDirection(t *testing.T) {
	const module = "github.com/flipdeck/flipdeck"
	level := map[string]int{}
	for l, pkgs := range pipelineLevels {
		for _, p := range pkgs {
			level[p] = l
		}
	}
	for pkg, l := range level {
		files, err := filepath.Glob(filepath.Join("..", "..", pkg, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", pkg, err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range ast.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if path != module && !strings.HasPrefix(path, module+"/") {
					continue
				}
				dep := strings.TrimPrefix(strings.TrimPrefix(path, module), "/")
				dl, ok := level[dep]
				switch {
				case !ok:
					t.Errorf("%s imports %s, which has no level in pipelineLevels: give it one", f, dep)
				case dl >= l:
					t.Errorf("%s imports %s, at level %d, not below its own %d: data must flow one way", f, dep, dl, l)
				}
			}
		}
	}
}
