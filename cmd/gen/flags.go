package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/flipdeck/flipdeck"
	"github.com/flipdeck/flipdeck/internal/site"
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

// flags are what gen's command line asks for.
type flags struct {
	opt      site.Options
	serve    bool   // -serve
	quiet    bool   // -quiet
	addr     string // -addr
	cacheDir string // -cache
}

// parseFlags reads gen's command line. When it has done all gen is to
// do (-h, -version) or the flags are wrong, it returns ok false and the
// exit code.
func parseFlags(args []string, stdout, stderr io.Writer) (f flags, code int, ok bool) {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opt := &f.opt
	var tags string
	var version bool
	fs.StringVar(&opt.Src, "src", "content", "folder of Markdown notes (an Obsidian vault or part of one)")
	fs.StringVar(&opt.Out, "out", "public", "output folder for the site; gen only replaces files it wrote there")
	fs.StringVar(&tags, "tags", "card", "comma-separated card tags without '#', matched case-insensitively")
	fs.StringVar(&opt.Title, "title", "Flashcards", "site title")
	fs.StringVar(&opt.BaseURL, "base-url", "", "absolute URL the site is published at, used only where a relative URL cannot work")
	fs.BoolVar(&opt.Strict, "strict", false, "treat warnings as errors: exit 1 and write nothing")
	fs.BoolVar(&opt.UnsafeHTML, "unsafe-html", false, "keep raw HTML in notes without sanitising it")
	fs.BoolVar(&opt.HighlightCloze, "highlight-cloze", false, "make ==highlights== cloze deletions too")
	fs.Int64Var(&opt.MaxFileSize, "max-file-size", 10<<20, "largest note or attachment read, in bytes")
	fs.BoolVar(&f.serve, "serve", false, "after building, serve the site on -addr, rebuild when -src changes and reload open pages")
	fs.StringVar(&f.addr, "addr", "localhost:8080", "address for -serve")
	fs.StringVar(&f.cacheDir, "cache", "", "folder for a build cache kept between runs (e.g. .flipdeck-cache), so that a build with one note changed renders only that note; default none, with -serve a folder in the user cache folder")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line, even on a terminal")
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
			return f, exitOK, false
		}
		return f, exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "gen: unexpected argument %q; use -src and -out\n", fs.Arg(0))
		return f, exitUsage, false
	}
	if version {
		fmt.Fprintln(stdout, "gen (flipdeck)", flipdeck.Version)
		return f, exitOK, false
	}
	if opt.BaseURL != "" {
		if u, err := url.Parse(opt.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fmt.Fprintf(stderr, "gen: -base-url %q is not an absolute http(s) URL; give the address the site is published at, e.g. https://user.github.io/repo/\n", opt.BaseURL)
			return f, exitUsage, false
		}
	}
	for _, t := range strings.Split(tags, ",") {
		if t = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(t), "#")); t != "" {
			opt.Tags = append(opt.Tags, t)
		}
	}
	return f, exitOK, true
}
