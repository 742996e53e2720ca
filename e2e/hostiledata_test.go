package e2e

// Hostile progress data (issue 15 item 8): what is stored in this
// browser or imported from a file or a link is checked field by field
// (validate.js). Damaged parts are set aside and the reader is told;
// the index, quiz and stats pages keep working; a key "__proto__" in a
// file never reaches Object.prototype.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

const keyboardSlug = "flipdeck-tour--keyboard"

// protoClean is a JS expression that is "" when Object.prototype holds
// nothing it should not, else what it holds.
const protoClean = `(() => {
  const std = ["constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__",
    "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString"];
  const extra = Object.getOwnPropertyNames(Object.prototype).filter((k) => !std.includes(k));
  const o = {};
  return extra.join(",") + (o.best !== undefined || o.lastAt !== undefined || o.polluted !== undefined || o.state !== undefined ? " ({}) has fields" : "");
})()`

// pagesWork opens the index, a quiz (grading one card) and the stats
// page, and returns the notices they showed.
func pagesWork(t *testing.T, tab *browserTab) string {
	t.Helper()
	notices := func() string {
		return siteJS[string](tab, `[...document.querySelectorAll("#notices .notice")].map((n) => n.textContent).join(" | ")`)
	}
	tab.open("index.html", siteIndexReady)
	seen := notices()
	tab.open("decks/"+keyboardSlug+".html#quiz", siteQuizReady)
	tab.waitJS(`document.querySelector("[data-action=reveal]")`, "the reveal button")
	siteJS[bool](tab, `(document.querySelector("[data-action=reveal]").click(), true)`)
	tab.waitJS(`document.querySelector("button[data-grade='3']")`, "the grade buttons")
	siteJS[bool](tab, `(document.querySelector("button[data-grade='3']").click(), true)`)
	tab.open("stats.html", `document.querySelector("#stat-tiles [data-stat=studied]")`)
	if !siteJS[bool](tab, `!!document.querySelector("#chart-history svg") && !!document.querySelector("#chart-forecast svg") && !!document.querySelector(".retention-table")`) {
		t.Error("the stats page does not show its charts")
	}
	return seen + " | " + notices()
}

// TestHostileStoredProgress puts damaged progress into the site's
// localStorage key: every page works, the reader is told what was set
// aside, the text is kept aside intact, and a new grade is saved.
func TestHostileStoredProgress(t *testing.T) {
	tab, site := openSite(t, 390, 844)
	key := "flipdeck:" + sitePrefix + ":progress"
	card := site.Decks[keyboardSlug][0]
	cases := []struct {
		name, raw, notice string
	}{
		{"a log of null", `{"schema":2,"cards":{},"log":[null]}`, "1 review of the history"},
		{"a log of a number", `{"schema":2,"cards":{},"log":[5,{"id":"x","grade":3,"at":1}]}`, "1 review of the history"},
		{"a time that is not a number", `{"schema":2,"cards":{},"log":[{"id":"` + card + `","grade":3,"at":"x","state":"new"}]}`, "1 review of the history"},
		{"cards as a list", `{"schema":2,"cards":[]}`, "Saved progress was unreadable"},
		{"a record with reps not a number", `{"schema":2,"cards":{"` + card + `":{"state":"review","reps":"x","due":1,"lastReview":1,"stability":2}}}`, "1 card record"},
		{"a record without a state", `{"schema":2,"cards":{"` + card + `":{"reps":1,"due":1}}}`, "1 card record"},
		{"odd tests, stars and settings", `{"schema":2,"cards":{},"tests":{"a":5,"__proto__":{"best":1,"bestAt":1,"last":1,"lastAt":1,"total":1}},"stars":{"a":"x"},"settings":{"newPerDay":"x"}}`, "1 star, 2 test scores and the settings"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab.t = t
			tab.open("index.html", `document.body`)
			siteJS[bool](tab, `(localStorage.clear(), localStorage.setItem(`+browsertest.JSString(key)+`, `+browsertest.JSString(c.raw)+`), true)`)
			notices := pagesWork(t, tab)
			if !strings.Contains(notices, "set aside") || !strings.Contains(notices, c.notice) {
				t.Errorf("the notices do not say what was set aside (%q): %q", c.notice, notices)
			}
			if p := siteJS[string](tab, protoClean); p != "" {
				t.Errorf("Object.prototype was changed: %s", p)
			}
			stored, aside := storedProgress(tab, key)
			if aside != c.raw {
				t.Errorf("the damaged data was not set aside intact; storage: %q", stored)
			}
			if !strings.Contains(stored[key], `"reps":1`) {
				t.Errorf("the new grade was not stored: %q", stored[key])
			}
		})
	}
	if errs := tab.errs(); len(errs) > 0 {
		t.Errorf("browser errors: %q", errs)
	}
}

// TestHostileImport imports hostile progress files on the stats page and
// opens a hostile "send my progress" link: each is rejected or merged
// without its damaged parts, the reader is told which, nothing reaches
// Object.prototype, and the pages keep working.
func TestHostileImport(t *testing.T) {
	tab, site := openSite(t, 1000, 800)
	card := site.Decks[keyboardSlug][0]
	record := `{"state":"review","reps":2,"due":1,"lastReview":1,"stability":3,"difficulty":5,"lapses":0,"scheduledDays":3}`
	cases := []struct {
		name, file, message string
	}{
		{"no cards", `{"log":[5]}`, "not a flipdeck progress file"},
		{"cards as a list", `{"schema":2,"cards":[]}`, "not a flipdeck progress file"},
		{"a log of a number", `{"schema":2,"cards":{},"log":[5]}`, "Left out, as not in the form this site writes: 1 review of the history"},
		{"a time that is not a number", `{"schema":2,"cards":{},"log":[{"id":"` + card + `","grade":3,"at":"x","state":"new"}],"settings":{"at":"x","newPerDay":3}}`,
			"1 review of the history and the settings"},
		{"a record with reps not a number", `{"schema":2,"cards":{"` + card + `":{"state":"review","reps":"x"},"other":` + record + `}}`, "Imported: 1 card record was newer than yours and was taken. Left out, as not in the form this site writes: 1 card record."},
		{"tests.__proto__", `{"schema":2,"cards":{},"tests":{"__proto__":{"best":1,"bestAt":1,"last":1,"lastAt":9e15,"total":4,"polluted":true}}}`, "1 test score"},
		{"cards.__proto__ and stars.__proto__", `{"schema":2,"cards":{"__proto__":` + record + `},"stars":{"__proto__":5}}`, "1 card record and 1 star"},
	}
	dir := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab.t = t
			tab.open("index.html", `document.body`)
			siteJS[bool](tab, `(localStorage.clear(), true)`)
			tab.open("stats.html", `document.querySelector("input[data-action=import]")`)
			path := filepath.Join(dir, "import"+string(rune('a'+i))+".json")
			if err := os.WriteFile(path, []byte(c.file), 0o644); err != nil {
				t.Fatal(err)
			}
			tab.do("import", chromedp.SetUploadFiles("input[data-action=import]", []string{path}, chromedp.NodeReady))
			tab.waitJS(`document.querySelector(".backup-status").textContent`, "the import's message")
			if msg := siteJS[string](tab, `document.querySelector(".backup-status").textContent`); !strings.Contains(msg, c.message) {
				t.Errorf("import message %q, want %q in it", msg, c.message)
			}
			if p := siteJS[string](tab, protoClean); p != "" {
				t.Errorf("Object.prototype was changed: %s", p)
			}
			pagesWork(t, tab)
			if p := siteJS[string](tab, protoClean); p != "" {
				t.Errorf("after reloading, Object.prototype was changed: %s", p)
			}
		})
	}

	// The same damage in a link from another device: the dialog says what
	// is left out, and merging leaves Object.prototype alone.
	tab.t = t
	tab.open("stats.html", `document.body`)
	siteJS[bool](tab, `(localStorage.clear(), true)`)
	text := `{"schema":2,"cards":{"` + card + `":` + record + `,"bad":{"state":"review","reps":"x"}},"log":[null,{"id":"` + card + `","grade":3,"at":"x"}],"tests":{"__proto__":{"best":1,"bestAt":1,"last":1,"lastAt":1,"total":4}}}`
	link := siteJS[string](tab, `(async () => {
  const tr = await import(new URL("assets/js/transfer.js", location.href).href);
  return "index.html#progress=" + await tr.pack(`+browsertest.JSString(text)+`);
})()`)
	tab.open(link, `document.querySelector("#receive-dialog .receive-actions")`)
	if msg := siteJS[string](tab, `document.getElementById("receive-dialog").textContent`); !strings.Contains(msg, "Left out, as not in the form this site writes: 1 card record, 2 reviews of the history and 1 test score") {
		t.Fatalf("the dialog does not say what is left out: %q", msg)
	}
	siteJS[bool](tab, `(document.querySelector("#receive-dialog [data-action=receive-merge]").click(), true)`)
	tab.waitJS(`document.querySelector("#receive-dialog .receive-done")`, "the merge")
	if p := siteJS[string](tab, protoClean); p != "" {
		t.Errorf("after merging a link, Object.prototype was changed: %s", p)
	}
	if !strings.Contains(siteJS[string](tab, `localStorage.getItem("flipdeck:`+sitePrefix+`:progress")`), `"`+card+`"`) {
		t.Error("the link's good card record was not merged")
	}
	pagesWork(t, tab)
	if errs := tab.errs(); len(errs) > 0 {
		t.Errorf("browser errors: %q", errs)
	}
}
