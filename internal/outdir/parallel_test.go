package outdir

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestParallelPuts stages a site from many goroutines at once, as a
// build does, into a fresh folder, over the previous site (swapping,
// and in place: a CNAME of the user's is in the folder), and wants
// exactly the new site: every file once with its bytes, files known
// unchanged kept, stale ones removed, the manifest as a write one file
// at a time gives it (sorted, each name once), the counts right and
// nothing of gen's left beside or inside the folder. Files share
// folders, new and old, so that goroutines make the same folder at
// once. Run it with -race too.
func TestParallelPuts(t *testing.T) {
	const goroutines, perG = 8, 60
	site := func(gen string) map[string][]byte {
		m := map[string][]byte{}
		for i := 0; i < goroutines*perG; i++ {
			// Files 0-99 are the same in both sites, the others change.
			v := gen
			if i < 100 {
				v = "same"
			}
			m[fmt.Sprintf("d%d/s%d/f%d.html", i%7, i%3, i)] = []byte(fmt.Sprintf("file %d of %s %s", i, v, make([]byte, i)))
		}
		return m
	}
	old, next := site("old"), site("next")
	for i := 0; i < 50; i++ {
		old[fmt.Sprintf("stale%d/x%d.html", i%4, i)] = []byte("stale")
	}
	known := map[string]FileSum{}
	for i := 0; i < 50; i++ { // kept by PutUnchanged, not given again
		name := fmt.Sprintf("d%d/s%d/f%d.html", i%7, i%3, i)
		known[name] = FileSum{Sum: sha256.Sum256(next[name]), Size: len(next[name])}
	}
	for _, mode := range []string{"fresh", "swap", "in place"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "public")
			serial := filepath.Join(dir, "serial")
			var keep map[string]string
			if mode != "fresh" {
				if _, err := writeAll(osFS{}, out, old, nil); err != nil {
					t.Fatal(err)
				}
			}
			if mode == "in place" {
				keep = map[string]string{"CNAME": "cards.example.com\n"}
				os.WriteFile(filepath.Join(out, "CNAME"), []byte(keep["CNAME"]), 0o644)
			}
			w, err := Open(out, known)
			if err != nil {
				t.Fatal(err)
			}
			if (w.swap == nil) != (mode == "in place") {
				t.Fatalf("swapping: %v", w.swap != nil)
			}
			names := make([]string, 0, len(next))
			for name := range next {
				names = append(names, name)
			}
			var wg sync.WaitGroup
			var kept sync.Map
			for g := 0; g < goroutines; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := g; i < len(names); i += goroutines {
						name, data := names[i], next[names[i]]
						sum := sha256.Sum256(data)
						if _, ok := known[name]; ok && w.PutUnchanged(name, sum, len(data)) {
							kept.Store(name, true)
							continue
						}
						if err := w.Put(name, data, sum); err != nil {
							t.Error(err)
						}
					}
				}()
			}
			wg.Wait()
			st, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			nKept := 0
			kept.Range(func(any, any) bool { nKept++; return true })
			if mode != "fresh" && nKept != len(known) {
				t.Errorf("%d files kept by PutUnchanged, want %d", nKept, len(known))
			}
			want := Stats{Written: len(next), Removed: 50}
			switch mode {
			case "fresh":
				want.Removed = 0
			default:
				// Kept without bytes, or the same as before and found so.
				want.Unchanged = 100
				want.Written -= 100
			}
			if st != want {
				t.Errorf("stats %+v, want %+v", st, want)
			}
			checkWritten(t, out, next, keep, false)
			if left := genNames(t, dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
			// The manifest is the one a write one file at a time gives.
			if _, err := writeAll(osFS{}, serial, next, nil); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(filepath.Join(out, ManifestName))
			wantM, _ := os.ReadFile(filepath.Join(serial, ManifestName))
			if string(got) != string(wantM) {
				t.Errorf("manifest differs from a serial write's:\n%.300s\nwant\n%.300s", got, wantM)
			}
		})
	}
}
