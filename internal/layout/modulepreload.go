package layout

import (
	"io/fs"
	"path"
	"regexp"
	"sort"
	"sync"

	"github.com/flipdeck/flipdeck"
)

// The page scripts are ES modules importing one another. A browser finds
// each import only after it has fetched the module before it, so a chain
// of four modules costs four round trips; preloading every module a page
// needs lets it fetch them all at once.
//
// Every page paints its first screen from its HTML and CSS alone (a
// page opened at #quiz its study frame), so the scripts are fetched at low
// priority, after the style sheets: <script type="module"
// fetchpriority="low"> and <link rel="preload" as="script" crossorigin
// fetchpriority="low">, which a module's import takes (same URL, same
// CORS mode) without a second request. <link rel="modulepreload"> would
// fetch them at high priority whatever its fetchpriority (Chromium),
// ahead of what the first paint needs.

// importRe finds the relative imports of our own modules:
// `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`.
var importRe = regexp.MustCompile(`(?m)(?:^|;|\s)(?:import|export)\s*(?:[^"';]*?\sfrom\s*)?["']\./([\w.-]+\.js)["']`)

// modulePreloads maps each entry module (assets/js/<name>) to the other
// modules it imports, directly or not, sorted. Worked out once from the
// embedded assets, which never change in a running binary.
var modulePreloads = sync.OnceValue(func() map[string][]string {
	deps := map[string][]string{}
	files, _ := fs.Glob(flipdeck.Assets, "assets/js/*.js")
	for _, f := range files {
		src, err := fs.ReadFile(flipdeck.Assets, f)
		if err != nil {
			continue
		}
		for _, m := range importRe.FindAllStringSubmatch(string(src), -1) {
			deps[path.Base(f)] = append(deps[path.Base(f)], m[1])
		}
	}
	out := map[string][]string{}
	for _, f := range files {
		entry := path.Base(f)
		seen := map[string]bool{entry: true}
		var walk func(string)
		walk = func(m string) {
			for _, d := range deps[m] {
				if !seen[d] {
					seen[d] = true
					walk(d)
				}
			}
		}
		walk(entry)
		delete(seen, entry)
		var list []string
		for m := range seen {
			list = append(list, m)
		}
		sort.Strings(list)
		out[entry] = list
	}
	return out
})
