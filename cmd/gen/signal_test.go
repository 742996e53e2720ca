package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
)

// childEnv makes the test binary run gen (see TestMain), so that a test
// can signal a real gen process.
const childEnv = "FLIPDECK_GEN_CHILD"

// siteState is every regular file under a site by path, as a hash;
// temporary files of gen (".gen-…") are left out.
type siteState map[string][sha256.Size]byte

func (a siteState) equal(b siteState) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// readState reads the site in fsys.
func readState(fsys fs.FS) (siteState, error) {
	st := siteState{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".gen-") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		st[p] = sha256.Sum256(data)
		return nil
	})
	return st, err
}

// observe reads the site at out over and over until stop is closed and
// reports every reading that is neither one of wants. A reading goes
// through one open handle on the folder, and counts only when out still
// names that same folder at its end: it then saw one folder, as it was.
func observe(out string, wants []siteState, stop chan struct{}) (readings int, bad []string) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		root, err := os.OpenRoot(out)
		if err != nil {
			continue // not there yet
		}
		st, err := readState(root.FS())
		held, err2 := root.Stat(".")
		now, err3 := os.Stat(out)
		root.Close()
		if err != nil || err2 != nil || err3 != nil || !os.SameFile(held, now) {
			continue
		}
		readings++
		ok := false
		for _, w := range wants {
			ok = ok || st.equal(w)
		}
		if !ok {
			bad = append(bad, describe(st, wants[0]))
		}
	}
}

// describe names a few files in which st differs from want.
func describe(st, want siteState) string {
	var diff []string
	for k, v := range st {
		if w, ok := want[k]; !ok || w != v {
			diff = append(diff, k)
		}
	}
	for k := range want {
		if _, ok := st[k]; !ok {
			diff = append(diff, "-"+k)
		}
	}
	if len(diff) > 5 {
		diff = append(diff[:5], "…")
	}
	return strings.Join(diff, " ")
}

// genLeftovers lists what gen's temporary names hold in and beside out
// ("find out -name '.gen-*'", and the staging folders beside it).
func genLeftovers(t *testing.T, out string) []string {
	t.Helper()
	var left []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".gen-") {
			left = append(left, p)
		}
		return nil
	})
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".gen-") {
			left = append(left, filepath.Join(filepath.Dir(out), e.Name()))
		}
	}
	return left
}

// startGen starts gen as a child process.
func startGen(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

// signalMidBuild starts gen and sends it sig once its build has begun
// writing (gen's temporary names appear in or beside out), then waits.
func signalMidBuild(t *testing.T, sig os.Signal, args ...string) (exit int, stderr string) {
	t.Helper()
	out := args[len(args)-1]
	cmd, errBuf := startGen(t, args...)
	deadline := time.Now().Add(60 * time.Second)
	for len(genLeftovers(t, out)) == 0 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("gen wrote nothing for a minute")
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // into the build
	cmd.Process.Signal(sig)
	err := cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), errBuf.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, errBuf.String()
}

// TestSignalMidBuild: gen stopped by SIGTERM in the middle of a build
// leaves the previous site exactly as it was and nothing of its own in or
// beside -out; killed outright (SIGKILL), it leaves its staging folder,
// which the next build removes with any other leftover. All the while a
// reader finds either the old site or the new one, whole.
func TestSignalMidBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 400-note vault five times")
	}
	dir := t.TempDir()
	src, out, ref := filepath.Join(dir, "vault"), filepath.Join(dir, "public"), filepath.Join(dir, "ref")
	v := vaultgen.Generate(vaultgen.Config{Notes: 400, Cards: 10, Seed: 3})
	if err := vaultgen.Write(src, v); err != nil {
		t.Fatal(err)
	}
	build := func(out string) siteState {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-src", src, "-out", out, "-quiet"}, &stdout, &stderr); code != 0 {
			t.Fatalf("gen exit %d: %s", code, stderr.String())
		}
		st, err := readState(os.DirFS(out))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	old := build(out)
	// Every note changes: the next build replaces most files.
	for _, f := range v.Notes {
		p := filepath.Join(src, filepath.FromSlash(f.Path))
		if err := os.WriteFile(p, append(f.Data, "\n\nEdited.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next := build(ref)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var readings int
	var bad []string
	wg.Add(1)
	go func() {
		defer wg.Done()
		readings, bad = observe(out, []siteState{old, next}, stop)
	}()
	args := []string{"-quiet", "-src", src, "-out", out}

	code, stderr := signalMidBuild(t, syscall.SIGTERM, args...)
	if code != 1 || !strings.Contains(stderr, "interrupted") {
		t.Errorf("after SIGTERM: exit %d, stderr %q; want 1 and a word that it was interrupted", code, stderr)
	}
	if left := genLeftovers(t, out); len(left) > 0 {
		t.Errorf("after SIGTERM, left: %q", left)
	}
	if st, _ := readState(os.DirFS(out)); !st.equal(old) {
		t.Errorf("after SIGTERM the site is not the previous one: %s", describe(st, old))
	}

	signalMidBuild(t, syscall.SIGKILL, args...)
	// An older gen, killed, left temporary files inside the site too.
	os.WriteFile(filepath.Join(out, "decks", ".gen-123456.tmp"), []byte("half"), 0o644)
	if st, _ := readState(os.DirFS(out)); !st.equal(old) {
		t.Errorf("after SIGKILL the site is not the previous one: %s", describe(st, old))
	}

	cmd, errBuf := startGen(t, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the next build: %v\n%s", err, errBuf)
	}
	close(stop)
	wg.Wait()
	if left := genLeftovers(t, out); len(left) > 0 {
		t.Errorf("after the next build, left: %q", left)
	}
	if st, _ := readState(os.DirFS(out)); !st.equal(next) {
		t.Errorf("the next build did not give the new site: %s", describe(st, next))
	}
	if readings < 10 {
		t.Errorf("only %d readings of the site", readings)
	}
	for i, b := range bad {
		if i == 5 {
			t.Errorf("… %d in all", len(bad))
			break
		}
		t.Errorf("a reader found neither the old site nor the new one (%s)", b)
	}
	t.Logf("%d readings, %d of a mixed site", readings, len(bad))
}
