package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestAblatePatchApplies checks that bench/ablate.patch still applies to
// the tree, so that bench/ablate.sh does not break unnoticed when the
// build code it patches changes. It copies the patched file into a
// scratch folder first: git apply --check inside a repository would
// read the index, not the working tree.
func TestAblatePatchApplies(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed:", err)
	}
	const patched = "internal/site/builder.go"
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", patched))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(patched)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, patched), data, 0o644); err != nil {
		t.Fatal(err)
	}
	patch, err := filepath.Abs("ablate.patch")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(git, "apply", "--check", patch)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("bench/ablate.patch no longer applies to %s (%v):\n%s\nremake it: apply what it does by hand and run git diff", patched, err, out)
	}
}
