// Command gen builds a flipdeck study site from a folder of Obsidian
// flashcard notes. It parses flags and maps results to exit codes; the
// work is done by internal/site.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/serve"
	"github.com/flipdeck/flipdeck/internal/site"
	"github.com/flipdeck/flipdeck/internal/termprogress"
)

// Exit codes, documented in -h and the README.
const (
	exitOK    = 0 // the site was built (warnings may have been printed)
	exitBuild = 1 // the build failed, or -strict found warnings; nothing was written
	exitUsage = 2 // bad flags or arguments
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	f, code, ok := parseFlags(args, stdout, stderr)
	if !ok {
		return code
	}
	// SIGINT or SIGTERM stops a build cleanly: nothing of it is left in
	// or beside -out, and the previous site is as it was. A second one
	// ends gen at once (the next build removes what that leaves).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	progress := termprogress.New(os.Stderr, f.quiet || stderr != io.Writer(os.Stderr))
	f.opt.Progress = progress.Update
	build, cacheAbs, ok := newBuild(ctx, &f, stderr)
	if !ok {
		return exitUsage
	}
	res, err := build()
	progress.Done()
	if res != nil {
		for _, d := range res.Diags {
			fmt.Fprintln(stderr, d)
		}
		if len(res.Diags) > 0 {
			fmt.Fprintln(stderr, "gen: problems by kind:", res.KindCounts())
		}
	}
	if res != nil && res.CacheErr != nil {
		fmt.Fprintln(stderr, "gen: warning:", diag.OneLine(res.CacheErr.Error()))
	}
	if err != nil {
		fmt.Fprintln(stderr, "gen:", diag.OneLine(err.Error()))
		return exitBuild
	}
	fmt.Fprintf(stdout, "gen: %s → %s\n", res.Summary(), diag.OneLine(f.opt.Out))
	fmt.Fprintf(stdout, "gen: offline: the service worker precaches %.1f KiB (%d bytes) on the first visit\n", float64(res.PrecacheBytes)/1024, res.PrecacheBytes)
	if cacheAbs != "" {
		fmt.Fprintf(stdout, "gen: cache: %d of %d notes rendered, the others taken from %s\n", res.Rendered, res.Notes, diag.OneLine(cacheAbs))
	}
	if f.serve {
		return servePreview(ctx, &f, build, cacheAbs, stdout, stderr)
	}
	return exitOK
}

// newBuild returns the function that builds the site: a one-off build,
// or with -serve or -cache a builder that keeps caches for fast
// rebuilds, whose cache folder it also returns. ok is false when the
// -cache folder is refused (exit 2).
func newBuild(ctx context.Context, f *flags, stderr io.Writer) (build func() (*site.Result, error), cacheAbs string, ok bool) {
	opt := f.opt
	build = func() (*site.Result, error) { return site.BuildContext(ctx, opt) }
	if !f.serve && f.cacheDir == "" {
		return build, "", true
	}
	b := site.NewBuilder(opt) // keeps caches for fast rebuilds
	if err := useCache(b, f.cacheDir, opt, f.serve); err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprintln(stderr, "gen:", diag.OneLine(err.Error()))
			return nil, "", false
		}
		fmt.Fprintln(stderr, "gen: warning:", diag.OneLine(err.Error()))
	}
	return func() (*site.Result, error) { return b.BuildContext(ctx) }, b.CacheFolder(), true
}

// servePreview serves the site built, rebuilding it when -src changes,
// until ctx ends, and returns gen's exit code.
func servePreview(ctx context.Context, f *flags, build func() (*site.Result, error), cacheAbs string, stdout, stderr io.Writer) int {
	outAbs, _ := filepath.Abs(f.opt.Out)
	preview := serve.Preview{Addr: f.addr, Out: f.opt.Out, Src: f.opt.Src, Skip: skipDirs(outAbs, cacheAbs), Log: stdout,
		Rebuild: func() error {
			res, err := build()
			if res != nil {
				for _, d := range res.Diags {
					fmt.Fprintln(stderr, d)
				}
				if err == nil {
					fmt.Fprintf(stdout, "gen: rebuilt: %s\n", res.Summary())
				}
			}
			return err
		}}
	if err := preview.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "gen:", diag.OneLine(err.Error()))
		return exitBuild
	}
	return exitOK
}
