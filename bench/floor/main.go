// Command floor measures the least work a flipdeck build could do with the
// same libraries: read every note of a vault, render its whole body with
// goldmark (GFM) and chroma highlighting (CSS classes, one formatter
// for all code, as gen does), drop the white space between block tags
// as gen does to its pages (internal/compacthtml), and write one HTML
// page per note, on all cores. No cards, decks, links, math, templates
// or assets: the time flipdeck spends above this floor is the cost of
// its own features.
//
// Until gen stopped minifying its pages (bench/README, "Fourth
// session"), the floor minified its own with tdewolff/minify; -minify
// does that still, to compare with the tables from before. Without it
// the floor does no step gen no longer does.
//
//	floor -src VAULT -out DIR [-workers N] [-minify]
//
// It prints the wall time and the peak resident set size of the process.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/flipdeck/flipdeck/internal/compacthtml"
	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

func main() {
	src := flag.String("src", "", "vault folder")
	out := flag.String("out", "", "output folder (created; files in it are overwritten)")
	workers := flag.Int("workers", 0, "parallel workers (0: one per CPU)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile to this file")
	minifyPages := flag.Bool("minify", false, "minify each page with tdewolff/minify (the floor before gen's pages were compacted) instead of compacting it")
	flag.Parse()
	if *src == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: floor -src VAULT -out DIR [-workers N] [-minify]")
		os.Exit(2)
	}
	if *workers <= 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	n, in, written, err := run(*src, *out, *workers, *minifyPages)
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
	fmt.Printf("floor: %d notes, %.1f MB read, %.1f MB written, %d workers, wall %.3fs, peak RSS %.1f MB\n",
		n, float64(in)/1e6, float64(written)/1e6, *workers, wall.Seconds(), float64(peakRSS())/1024)
}

func run(src, out string, workers int, minifyPages bool) (notes int, in, written int64, err error) {
	var paths []string
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != src && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		return 0, 0, 0, err
	}

	md := goldmark.New(goldmark.WithExtensions(
		extension.GFM,
	), goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(newCodeRenderer(), 100))))
	var m *minify.M // nil: pages are compacted
	if minifyPages {
		m = minify.New()
		m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepQuotes: true, KeepEndTags: true})
	}

	var next, inBytes, outBytes atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var body, page bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				n, err := one(md, m, src, out, paths[i], &body, &page)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				inBytes.Add(n)
				outBytes.Add(int64(page.Len()))
			}
		}()
	}
	wg.Wait()
	return len(paths), inBytes.Load(), outBytes.Load(), firstErr
}

// one renders the note at p into out, keeping its relative path; the
// page is minified with m, or compacted when m is nil.
func one(md goldmark.Markdown, m *minify.M, src, out, p string, body, page *bytes.Buffer) (int64, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, err
	}
	rel, err := filepath.Rel(src, p)
	if err != nil {
		return 0, err
	}
	title := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	body.Reset()
	if err := md.Convert(stripFrontmatter(data), body); err != nil {
		return 0, fmt.Errorf("%s: %w", p, err)
	}
	var doc bytes.Buffer
	doc.Grow(body.Len() + 256)
	doc.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
	doc.WriteString(html.EscapeString(title))
	doc.WriteString("</title>\n</head>\n<body>\n<main>\n")
	doc.Write(body.Bytes())
	doc.WriteString("</main>\n</body>\n</html>\n")
	page.Reset()
	if m == nil {
		page.Write(compacthtml.Append(doc.Bytes()[:0], doc.Bytes()))
	} else if err := m.Minify("text/html", page, &doc); err != nil {
		return 0, fmt.Errorf("%s: minify: %w", p, err)
	}
	target := filepath.Join(out, strings.TrimSuffix(rel, filepath.Ext(rel))+".html")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return 0, err
	}
	return int64(len(data)), os.WriteFile(target, page.Bytes(), 0o644)
}

// stripFrontmatter drops a leading YAML block between "---" lines.
func stripFrontmatter(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return b
	}
	rest := b[4:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if end >= 0 {
			line = rest[off : off+end]
		}
		if string(bytes.TrimRight(line, " \t")) == "---" {
			if end < 0 {
				return nil
			}
			return rest[off+end+1:]
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return b
}

// peakRSS is the process's peak resident set size in KiB: VmHWM from
// /proc/self/status, else getrusage's Maxrss.
func peakRSS() int64 {
	if st, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(st), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
				var kb int64
				if _, err := fmt.Sscan(f[1], &kb); err == nil {
					return kb
				}
			}
		}
	}
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		return int64(ru.Maxrss)
	}
	return 0
}
