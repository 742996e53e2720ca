package site

import (
	"bufio"
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
	"github.com/flipdeck/flipdeck/internal/corpus"
)

var updateDigests = flag.Bool("update-digests", false, "rewrite testdata/output-digests.txt from this build's output")

// digestsFile holds, for each vault the test builds, one line per part
// of its site (a top-level file or folder): the part's files and a hash
// of their names and bytes. A refactoring must leave every line as it
// is; a change that means to change the output rewrites the file with
// -update-digests and says so in its commit.
const digestsFile = "testdata/output-digests.txt"

// TestOutputUnchanged builds the sample vault, a synthetic vault of
// 1,000 notes (bench/vaultgen, seed 1) and each real-world corpus vault
// (when ../shared is there), and wants each part of each site to hash as
// recorded in testdata/output-digests.txt: the output is byte-identical
// to what the last intended change of it produced.
func TestOutputUnchanged(t *testing.T) {
	synthetic := t.TempDir()
	if err := vaultgen.Write(synthetic, vaultgen.Generate(vaultgen.Config{Notes: 1000, Cards: 10, Seed: 1})); err != nil {
		t.Fatal(err)
	}
	vaults := []struct{ name, dir string }{{"content", "../../content"}, {"synthetic-1000", synthetic}}
	corpusDirs := corpus.VaultDirs()
	if len(corpusDirs) == 0 {
		t.Log("the real-world corpus (../shared/corpus/realworld) is not here: only the sample and the synthetic vault are compared")
	}
	for _, dir := range corpusDirs {
		vaults = append(vaults, struct{ name, dir string }{"corpus/" + filepath.Base(dir), dir})
	}

	got := map[string]string{} // "vault part" → "files digest"
	for _, v := range vaults {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Src: v.dir, Out: out, Title: "T", Tags: []string{"card", "fc"}}); err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		parts, err := partDigests(out)
		if err != nil {
			t.Fatal(err)
		}
		for part, d := range parts {
			got[v.name+" "+part] = d
		}
	}

	if *updateDigests {
		writeDigests(t, got, len(corpusDirs) > 0)
		return
	}
	want, err := readDigests()
	if err != nil {
		t.Fatalf("%v (run go test ./internal/site -run TestOutputUnchanged -update-digests to write it)", err)
	}
	var diffs []string
	for key, w := range want {
		if strings.HasPrefix(key, "corpus/") && len(corpusDirs) == 0 {
			continue
		}
		switch g, ok := got[key]; {
		case !ok:
			diffs = append(diffs, key+": no longer written")
		case g != w:
			diffs = append(diffs, fmt.Sprintf("%s: %s, was %s", key, g, w))
		}
	}
	for key, g := range got {
		if _, ok := want[key]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: new (%s)", key, g))
		}
	}
	if len(diffs) > 0 {
		sort.Strings(diffs)
		t.Errorf("the built sites differ from %s:\n  %s\nIf the output is meant to change, run\n  go test ./internal/site -run TestOutputUnchanged -update-digests\nand say why in the commit; to see what changed, build the vault before and after and diff -r the two.",
			digestsFile, strings.Join(diffs, "\n  "))
	}
}

// partDigests hashes a built site by its top-level parts: for each file
// or folder at the top, its file count and the SHA-256 of every file's
// path and bytes in path order. Hidden files (gen's manifest) are left
// out: they describe the output, they are not it.
func partDigests(root string) (map[string]string, error) {
	type part struct {
		files []string
	}
	parts := map[string]*part{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		top, _, _ := strings.Cut(rel, "/")
		if parts[top] == nil {
			parts[top] = &part{}
		}
		parts[top].files = append(parts[top].files, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for top, p := range parts {
		sort.Strings(p.files)
		h := sha256.New()
		for _, rel := range p.files {
			data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
			h.Write(data)
		}
		out[top] = fmt.Sprintf("%d %x", len(p.files), h.Sum(nil)[:12])
	}
	return out, nil
}

func readDigests() (map[string]string, error) {
	f, err := os.Open(digestsFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// "vault part files digest"
		fields := strings.Fields(line)
		if len(fields) != 4 {
			return nil, fmt.Errorf("%s:%d: want \"vault part files digest\", got %q", digestsFile, n, line)
		}
		want[fields[0]+" "+fields[1]] = fields[2] + " " + fields[3]
	}
	return want, sc.Err()
}

func writeDigests(t *testing.T, got map[string]string, withCorpus bool) {
	t.Helper()
	if !withCorpus {
		t.Fatal("-update-digests needs the real-world corpus (../shared/corpus/realworld), so that its lines are written too")
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Written by go test ./internal/site -run TestOutputUnchanged -update-digests.\n")
	b.WriteString("# vault, part of its site, files, SHA-256 (first 12 bytes) of their paths and bytes\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s %s\n", k, got[k])
	}
	if err := os.WriteFile(digestsFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
