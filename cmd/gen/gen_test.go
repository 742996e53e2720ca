package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/flipdeck/flipdeck/internal/treesnap"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"gen": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script. Besides
// the standard commands they have:
//
//	exits N CMD ARGS...        run CMD and want exit status N exactly
//	snap save NAME [DIR...]    record every file and folder under $WORK
//	                           except the DIRs (and the snapshots)
//	snap check NAME [DIR...]   fail, listing the differences, when anything
//	                           but the DIRs changed since "snap save NAME"
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits": cmdExits,
			"snap":  cmdSnap,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

const snapPrefix = ".snap-"

func cmdSnap(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || (args[0] != "save" && args[0] != "check") {
		ts.Fatalf("usage: snap save|check NAME [excluded-dir...]")
	}
	work := ts.Getenv("WORK")
	excl := map[string]bool{}
	for _, d := range args[2:] {
		excl[filepath.ToSlash(filepath.Clean(d))] = true
	}
	listing := treeListing(ts, work, excl)
	file := filepath.Join(work, snapPrefix+args[1])
	if args[0] == "save" {
		ts.Check(os.WriteFile(file, []byte(listing), 0o644))
		return
	}
	before, err := os.ReadFile(file)
	ts.Check(err)
	if string(before) == listing {
		return
	}
	old := map[string]bool{}
	for _, l := range strings.Split(string(before), "\n") {
		old[l] = true
	}
	now := map[string]bool{}
	var diff []string
	for _, l := range strings.Split(listing, "\n") {
		now[l] = true
		if !old[l] {
			diff = append(diff, "+ "+l)
		}
	}
	for l := range old {
		if !now[l] {
			diff = append(diff, "- "+l)
		}
	}
	sort.Strings(diff)
	ts.Fatalf("files outside the excluded folders changed:\n%s", strings.Join(diff, "\n"))
}

// treeListing describes every entry under root except the excluded
// paths and the snapshots themselves (see treesnap).
func treeListing(ts *testscript.TestScript, root string, excl map[string]bool) string {
	listing, err := treesnap.Listing(root, treesnap.Options{ModTimes: true, Skip: func(rel string) bool {
		return excl[rel] || strings.HasPrefix(rel, snapPrefix)
	}})
	ts.Check(err)
	return listing
}
