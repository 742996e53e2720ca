package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/flipdeck/flipdeck/internal/layout"
	"github.com/flipdeck/flipdeck/internal/pwa"
)

// Tests of what makes the site work offline, installable and publishable
// on GitHub Pages: no requests to other hosts, the CSP, the manifest and
// icons, 404.html, .nojekyll, no "_" names, sw.js and the Anki files.

const testBaseURL = "https://someone.github.io/repo/"

// buildDir builds src into a temporary folder and returns it with every
// output file (slash path → bytes).
func buildDir(t *testing.T, src string, opt Options) (string, map[string][]byte, *Result) {
	t.Helper()
	opt.Src = src
	opt.Out = filepath.Join(t.TempDir(), "public")
	res, err := Build(opt)
	if err != nil {
		t.Fatalf("build %s: %v", src, err)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(opt.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(opt.Out, p)
		rel = filepath.ToSlash(rel)
		if rel == ".flipdeck-manifest.json" { // gen's own bookkeeping, not served
			return nil
		}
		files[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return opt.Out, files, res
}

func buildSampleSite(t *testing.T) map[string][]byte {
	t.Helper()
	_, files, _ := buildDir(t, "../../content", Options{Title: "Flashcards", BaseURL: testBaseURL})
	return files
}

// noteURLs lists every http(s) URL written in the notes of src: the only
// other hosts the site may point to.
func noteURLs(t *testing.T, src string) map[string]bool {
	t.Helper()
	urls := map[string]bool{}
	re := regexp.MustCompile(`https?://[^\s)\]>"'|]+`)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		for _, u := range re.FindAllString(string(data), -1) {
			urls[html.UnescapeString(u)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return urls
}

var (
	cssURL      = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)`)
	jsLoad      = regexp.MustCompile(`(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bimport\s*\(\s*|\bfetch\s*\(\s*|\bimportScripts\s*\(\s*|\bnew\s+(?:URL|Worker|SharedWorker|EventSource|WebSocket)\s*\(\s*|\.register\s*\(\s*)["'` + "`" + `]([^"'` + "`" + `]+)`)
	absoluteURL = regexp.MustCompile(`(?i)^(?:[a-z][a-z0-9+.-]*:|//)`)
	anyHTTP     = regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
)

// loadAttrs are the attributes that make a browser fetch something (a
// link's href too: the site's own links must stay on the site).
var loadAttrs = map[string]bool{"src": true, "href": true, "srcset": true, "poster": true, "data": true,
	"action": true, "formaction": true, "xlink:href": true, "background": true, "manifest": true}

// TestNoThirdPartyRequests parses every generated HTML, CSS, JS, SVG and
// manifest file and checks that nothing in it loads from or links to
// another host, except the URLs the notes themselves contain.
func TestNoThirdPartyRequests(t *testing.T) {
	files := buildSampleSite(t)
	allowed := noteURLs(t, "../../content")
	if len(allowed) == 0 {
		t.Fatal("the sample notes link nowhere: the test of the exception is empty")
	}
	checked := 0
	check := func(file, what, u string) {
		checked++
		u = strings.TrimSpace(u)
		if u == "" || u[0] == '#' || !absoluteURL.MatchString(u) {
			return // relative: the site itself
		}
		switch {
		case strings.HasPrefix(u, "data:") && (what == "img src" || strings.HasPrefix(what, "css")):
			return
		case strings.HasPrefix(u, "mailto:"), strings.HasPrefix(u, "tel:"):
			return
		case strings.HasPrefix(u, testBaseURL) && file == "404.html":
			return // 404.html links the site absolutely, by design
		case allowed[u]:
			return // a link or image the notes contain
		}
		t.Errorf("%s: %s %q loads from or links to another host", file, what, u)
	}
	for name, data := range files {
		switch path.Ext(name) {
		case ".html":
			checkHTMLLoads(t, name, data, check)
		case ".css":
			for _, m := range cssURL.FindAllStringSubmatch(string(data), -1) {
				check(name, "css url", m[1]+m[2])
			}
		case ".js":
			for _, m := range jsLoad.FindAllStringSubmatch(string(data), -1) {
				check(name, "js load", m[1])
			}
			// Belt and braces: no host name in any script at all.
			// (XML namespace names such as SVG's are identifiers, not loads.)
			if m := anyHTTP.FindString(strings.ReplaceAll(string(data), "http://www.w3.org/", "")); m != "" {
				t.Errorf("%s: names another host: %q", name, m)
			}
		case ".svg":
			checkHTMLLoads(t, name, data, check)
		case ".webmanifest":
			var m pwa.Manifest
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, u := range []string{m.StartURL, m.Scope, m.ID} {
				check(name, "manifest url", u)
			}
			for _, ic := range m.Icons {
				check(name, "manifest icon", ic.Src)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d URLs checked: the parsing is broken", checked)
	}
}

func checkHTMLLoads(t *testing.T, name string, data []byte, check func(file, what, u string)) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(data))
	inStyle := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if inStyle {
				for _, m := range cssURL.FindAllStringSubmatch(string(z.Text()), -1) {
					check(name, "css in <style>", m[1]+m[2])
				}
			}
		case html.EndTagToken:
			inStyle = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			inStyle = tok.Data == "style"
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				switch {
				case key == "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							check(name, tok.Data+" srcset", f[0])
						}
					}
				case loadAttrs[key]:
					check(name, tok.Data+" "+key, a.Val)
				case key == "style":
					for _, m := range cssURL.FindAllStringSubmatch(a.Val, -1) {
						check(name, "css in style=", m[1]+m[2])
					}
				case key == "content" && strings.Contains(strings.ToLower(a.Val), "url="):
					check(name, "meta refresh", a.Val[strings.Index(strings.ToLower(a.Val), "url=")+4:])
				}
			}
		}
	}
}

// TestContentSecurityPolicy: every page, 404.html too, carries the same
// strict policy (internal/layout/policy.go), and nothing in the output
// needs 'unsafe-inline': no style attributes, no <style> elements, and
// no inline script but those whose hash the policy names (JSON data
// blocks are not run).
func TestContentSecurityPolicy(t *testing.T) {
	contentSecurityPolicy := layout.ContentSecurityPolicy
	for _, must := range []string{"default-src 'self'", "style-src 'self';", "script-src 'self' 'sha256-", "img-src 'self' https: data:"} {
		if !strings.Contains(contentSecurityPolicy, must) {
			t.Errorf("policy lacks %q", must)
		}
	}
	allowed := map[string]bool{} // the inline scripts' hashes the policy names
	for _, m := range regexp.MustCompile(`'sha256-([A-Za-z0-9+/=]+)'`).FindAllStringSubmatch(contentSecurityPolicy, -1) {
		allowed[m[1]] = true
	}
	if strings.Contains(contentSecurityPolicy, "unsafe") {
		t.Errorf("policy allows unsafe sources: %s", contentSecurityPolicy)
	}
	files := buildSampleSite(t)
	pages := 0
	for name, data := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		z := html.NewTokenizer(bytes.NewReader(data))
		csp := false
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				if a.Key == "style" {
					t.Errorf("%s: <%s style=%q> would be blocked by style-src 'self'", name, tok.Data, a.Val)
				}
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s> inline handler", name, tok.Data, a.Key)
				}
			}
			if tok.Data == "script" && attrs["src"] == "" && attrs["type"] != "application/json" {
				// An inline script runs only if the policy names its hash.
				if z.Next() == html.TextToken {
					sum := sha256.Sum256(z.Text())
					if h := base64.StdEncoding.EncodeToString(sum[:]); !allowed[h] {
						t.Errorf("%s: an inline script (sha256 %s) would be blocked: its hash is not in the policy", name, h)
					}
				} else {
					t.Errorf("%s: an empty inline script", name)
				}
				continue
			}
			switch tok.Data {
			case "style":
				t.Errorf("%s: a <style> element would be blocked", name)
			case "meta":
				if strings.EqualFold(attrs["http-equiv"], "Content-Security-Policy") && attrs["content"] == contentSecurityPolicy {
					csp = true
				}
			}
		}
		if !csp {
			t.Errorf("%s has no Content-Security-Policy meta tag", name)
		}
	}
	if pages < 5 {
		t.Fatalf("only %d pages", pages)
	}
}

func TestManifestAndIcons(t *testing.T) {
	_, files, _ := buildDir(t, "../../content", Options{Title: "My Long Study Title"})
	var m pwa.Manifest
	if err := json.Unmarshal(files["manifest.webmanifest"], &m); err != nil {
		t.Fatalf("manifest.webmanifest: %v", err)
	}
	if m.Name != "My Long Study Title" || m.ShortName == "" || len([]rune(m.ShortName)) > 12 {
		t.Errorf("name %q short_name %q", m.Name, m.ShortName)
	}
	if m.StartURL != "./index.html" || m.Scope != "./" || m.ID != "./" || m.Display != "standalone" {
		t.Errorf("manifest URLs must be relative (sub-path): %+v", m)
	}
	if m.ThemeColor == "" || m.BackgroundColor == "" {
		t.Errorf("no theme colours: %+v", m)
	}
	sizes := map[string]int{"icons/apple-touch-icon.png": 180}
	maskable := false
	for _, ic := range m.Icons {
		var w, h int
		if _, err := fmt.Sscanf(ic.Sizes, "%dx%d", &w, &h); err != nil || w != h {
			t.Errorf("icon %s: sizes %q", ic.Src, ic.Sizes)
		}
		sizes[ic.Src] = w
		maskable = maskable || ic.Purpose == "maskable"
	}
	if !maskable || sizes["icons/icon-192.png"] != 192 || sizes["icons/icon-512.png"] != 512 {
		t.Errorf("icons: %v, maskable %v", sizes, maskable)
	}
	for src, size := range sizes {
		data, ok := files[src]
		if !ok {
			t.Errorf("%s is not in the output", src)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != size || cfg.Height != size {
			t.Errorf("%s: %v, %dx%d, want %d", src, err, cfg.Width, cfg.Height, size)
		}
	}
	page := string(files["decks/flipdeck-tour.html"])
	for _, want := range []string{`rel="manifest" href="../manifest.webmanifest"`, `rel="apple-touch-icon" href="../icons/apple-touch-icon.png"`,
		`name="theme-color"`, `name="apple-mobile-web-app-capable" content="yes"`, `name="apple-mobile-web-app-title" content="My Long Study Title"`,
		`src="../assets/js/offline.js"`} {
		if !strings.Contains(page, want) {
			t.Errorf("deck page lacks %s", want)
		}
	}
}

// TestGitHubPagesLayout: .nojekyll, no file or folder whose name starts
// with "_" (Jekyll would hide it) or "." (other than .nojekyll), and
// 404.html working at any depth.
func TestGitHubPagesLayout(t *testing.T) {
	files := buildSampleSite(t)
	if _, ok := files[".nojekyll"]; !ok {
		t.Error("no .nojekyll")
	}
	for name := range files {
		for _, part := range strings.Split(name, "/") {
			if strings.HasPrefix(part, "_") || (strings.HasPrefix(part, ".") && name != ".nojekyll") {
				t.Errorf("output name %q: GitHub Pages (Jekyll) hides names starting with _ or .", name)
			}
		}
	}
	nf := string(files["404.html"])
	for _, want := range []string{`href="` + testBaseURL + `assets/site.css"`, `href="` + testBaseURL + `index.html"`, `src="` + testBaseURL + `assets/js/moved.js"`, `http-equiv="Content-Security-Policy"`} {
		if !strings.Contains(nf, want) {
			t.Errorf("404.html lacks %s:\n%s", want, nf)
		}
	}
	// Every URL in it is absolute: it is served at any depth.
	checkHTMLLoads(t, "404.html", []byte(nf), func(file, what, u string) {
		if !strings.HasPrefix(u, testBaseURL) {
			t.Errorf("404.html: %s %q is not absolute", what, u)
		}
	})

	// Without -base-url it has no relative URL either.
	_, files2, _ := buildDir(t, "../../content", Options{})
	checkHTMLLoads(t, "404.html", files2["404.html"], func(file, what, u string) {
		if u != "/" {
			t.Errorf("404.html without base URL: %s %q", what, u)
		}
	})
	// -base-url without a trailing slash works the same.
	_, files3, _ := buildDir(t, "../../content", Options{BaseURL: strings.TrimSuffix(testBaseURL, "/")})
	if !bytes.Equal(files3["404.html"], files["404.html"]) {
		t.Error("404.html differs with a base URL without trailing slash")
	}
}

// swLists reads the header of sw.js: the precache and runtime lists.
func swLists(t *testing.T, sw []byte) (precache, runtime []string) {
	t.Helper()
	m := regexp.MustCompile(`^const BUILD="([0-9a-f]{16})";const PRECACHE=(\[[^\]]*\]);const RUNTIME=(\[[^\]]*\]);\n`).FindSubmatch(sw)
	if m == nil {
		t.Fatalf("sw.js header: %.200s", sw)
	}
	if err := json.Unmarshal(m[2], &precache); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(m[3], &runtime); err != nil {
		t.Fatal(err)
	}
	return precache, runtime
}

// tinyPNG is a 1×1 PNG image.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestServiceWorkerPrecache: sw.js precaches what studying offline
// needs, each file once (every page, the quiz data, assets, icons, the
// images and sounds pages show), and lists every other file a page may
// fetch for keeping at run time: cards.json, the Anki files, linked
// documents and videos, attachments no page shows. Its build id follows
// the content, and the reported precache size is the precached total.
func TestServiceWorkerPrecache(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := os.CopyFS(src, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, src, map[string]string{
		"Media/Media.md": "---\ncards-deck: Media\n---\nA picture? #card\n![[pic.png]]\n\nA sound? #card\n![[song.mp3]]\n\n" +
			"A paper? #card\nSee [[paper.pdf]] and ![[film.mp4]].\n\nA page? #card\n[[page.html]]\n",
		"Media/pic.png": string(tinyPNG(t)), "Media/song.mp3": "ID3", "Media/paper.pdf": "%PDF-1.4",
		"Media/film.mp4": "mp4", "Media/page.html": "<p>hi</p>", "Media/unused.png": string(tinyPNG(t)),
	})
	_, files, res := buildDir(t, src, Options{})
	precache, runtime := swLists(t, files["sw.js"])
	listed := map[string]int{}
	for _, u := range precache {
		listed[u]++
	}
	kept := map[string]bool{}
	for _, u := range runtime {
		kept[u] = true
	}
	notPrecached := map[string]bool{"cards.json": true, "media/paper.pdf": true, "media/film.mp4": true,
		"media/page.html.txt": true}
	var total int64
	pages := 0
	for name, data := range files {
		switch {
		case name == "sw.js" || name == ".nojekyll" || name == "404.html":
			if listed[name] > 0 || kept[name] {
				t.Errorf("%s is listed by the service worker", name)
			}
		case notPrecached[name] || strings.HasPrefix(name, "anki/"):
			if listed[name] > 0 || !kept[name] {
				t.Errorf("%s: precached %v, kept at run time %v; want only kept", name, listed[name] > 0, kept[name])
			}
		default:
			total += int64(len(data))
			if listed[name] != 1 || kept[name] {
				t.Errorf("%s: precached %d times, kept at run time %v; want precached once", name, listed[name], kept[name])
			}
			if strings.HasSuffix(name, ".html") {
				pages++
			}
		}
	}
	for _, must := range []string{"index.html", "stats.html", "decks/media.html",
		"data/decks.json", "media/pic.png", "media/song.mp3", "assets/site.css", "manifest.webmanifest"} {
		if listed[must] != 1 {
			t.Errorf("%s is not precached", must)
		}
	}
	if _, ok := files["media/unused.png"]; ok {
		t.Error("an attachment no note uses is published")
	}
	if len(precache) != len(listed) || len(precache)+len(runtime) != len(files)-3 {
		t.Errorf("precache lists %d URLs, runtime %d, for %d files", len(precache), len(runtime), len(files))
	}
	if pages < 10 {
		t.Errorf("only %d pages precached", pages)
	}
	if res.PrecacheBytes != total {
		t.Errorf("PrecacheBytes %d, precached files total %d", res.PrecacheBytes, total)
	}
	sw := string(files["sw.js"])
	for _, must := range []string{`"flipdeck:activate"`, "skipWaiting", "caches.delete", "clients.claim"} {
		if !strings.Contains(sw, must) {
			t.Errorf("sw.js lacks %s", must)
		}
	}

	// A changed card gives a new build id; the same input the same one.
	_, a, _ := buildDir(t, src, Options{})
	_, b, _ := buildDir(t, src, Options{})
	if !bytes.Equal(a["sw.js"], b["sw.js"]) {
		t.Error("sw.js differs between two builds of the same input")
	}
	note := filepath.Join(src, "AWS", "Kinesis.md")
	data, err := os.ReadFile(note)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(note, append(data, "\nNew question :: new answer\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, c, _ := buildDir(t, src, Options{})
	if bytes.Equal(a["sw.js"][:30], c["sw.js"][:30]) {
		t.Error("the build id did not change with a card")
	}
}
