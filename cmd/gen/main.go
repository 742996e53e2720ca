// Command gen builds a flipdeck study site from a folder of Obsidian
// flashcard notes. It parses flags and maps results to exit codes; the
// work is done by internal/site.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/flipdeck/flipdeck"
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

const usage = `gen builds a static flashcard study site from Obsidian Markdown notes.

Usage:
  gen [flags]

Example:
  gen -src content -out public

Flags:
%s
Exit status:
  0  the site was built (warnings, if any, are printed as file:line: message)
  1  the build failed, or -strict found warnings; the previous site is left as it was
  2  the flags are wrong
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opt site.Options
	var tags string
	var version, serveSite, quiet bool
	var addr, cacheDir string
	fs.StringVar(&opt.Src, "src", "content", "folder of Markdown notes (an Obsidian vault or part of one)")
	fs.StringVar(&opt.Out, "out", "public", "output folder for the site; gen only replaces files it wrote there")
	fs.StringVar(&tags, "tags", "card", "comma-separated card tags without '#', matched case-insensitively")
	fs.StringVar(&opt.Title, "title", "Flashcards", "site title")
	fs.StringVar(&opt.BaseURL, "base-url", "", "absolute URL the site is published at, used only where a relative URL cannot work")
	fs.BoolVar(&opt.Strict, "strict", false, "treat warnings as errors: exit 1 and write nothing")
	fs.BoolVar(&opt.UnsafeHTML, "unsafe-html", false, "keep raw HTML in notes without sanitising it")
	fs.BoolVar(&opt.HighlightCloze, "highlight-cloze", false, "make ==highlights== cloze deletions too")
	fs.Int64Var(&opt.MaxFileSize, "max-file-size", 10<<20, "largest note or attachment read, in bytes")
	fs.BoolVar(&serveSite, "serve", false, "after building, serve the site on -addr, rebuild when -src changes and reload open pages")
	fs.StringVar(&addr, "addr", "localhost:8080", "address for -serve")
	fs.StringVar(&cacheDir, "cache", "", "folder for a build cache kept between runs (e.g. .flipdeck-cache), so that a build with one note changed renders only that note; default none, with -serve a folder in the user cache folder")
	fs.BoolVar(&quiet, "quiet", false, "no progress line, even on a terminal")
	fs.BoolVar(&version, "version", false, "print the version and exit")
	fs.Usage = func() {
		var b strings.Builder
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(stderr)
		fmt.Fprintf(stderr, usage, b.String())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q; use -src and -out\n", fs.Arg(0))
		return exitUsage
	}
	if version {
		fmt.Fprintln(stdout, "gen (flipdeck)", flipdeck.Version)
		return exitOK
	}
	if opt.BaseURL != "" {
		if u, err := url.Parse(opt.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "gen: -base-url %q is not an absolute http(s) URL; give the address the site is published at, e.g. https://user.github.io/repo/\n", opt.BaseURL)
			return exitUsage
		}
	}
	for _, t := range strings.Split(tags, ",") {
		if t = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), "#")); t != "" {
			opt.Tags = append(opt.Tags, t)
		}
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
	progress := termprogress.New(os.Stderr, quiet || stderr != io.Writer(os.Stderr))
	opt.Progress = progress.Update
	build := func() (*site.Result, error) { return site.BuildContext(ctx, opt) }
	var cacheAbs string // skipped by -serve's watcher
	if serveSite || cacheDir != "" {
		b := site.NewBuilder(opt) // keeps caches for fast rebuilds
		if err := useCache(b, cacheDir, opt, serveSite); err != nil {
			if errors.Is(err, errUsage) {
				fmt.Fprintln(stderr, "gen:", diag.OneLine(err.Error()))
				return exitUsage
			}
			fmt.Fprintln(stderr, "gen: warning:", diag.OneLine(err.Error()))
		}
		build = func() (*site.Result, error) { return b.BuildContext(ctx) }
		cacheAbs = b.CacheFolder()
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
	fmt.Fprintf(stdout, "gen: %s → %s\n", res.Summary(), diag.OneLine(opt.Out))
	fmt.Fprintf(stdout, "gen: offline: the service worker precaches %.1f KiB (%d bytes) on the first visit\n", float64(res.PrecacheBytes)/1024, res.PrecacheBytes)
	if cacheAbs != "" {
		fmt.Fprintf(stdout, "gen: cache: %d of %d notes rendered, the others taken from %s\n", res.Rendered, res.Notes, diag.OneLine(cacheAbs))
	}
	if serveSite {
		outAbs, _ := filepath.Abs(opt.Out)
		preview := serve.Preview{Addr: addr, Out: opt.Out, Src: opt.Src, Skip: skipDirs(outAbs, cacheAbs), Log: stdout,
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
	}
	return exitOK
}
