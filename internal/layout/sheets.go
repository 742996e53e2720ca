package layout

// The site's CSS is a base sheet every page links and a sheet per kind of
// page, so that a page loads only the rules it uses (issue 13: a deck
// page's first visit is at most 25 KB gzip before its cards; the quiz and
// statistics rules were half of the one sheet every page loaded). The
// deck list has a sheet of its own (most deck pages have no subdecks),
// and so have the controls that keep the progress (backups, sending it to
// another device), which every page but the deck pages shows.
// internal/site's TestPageSheetsHoldTheirRules checks that no page misses
// a rule it uses.

// BaseSheet holds the rules more than one kind of page uses.
const BaseSheet = "site.css"

// deckListSheet holds the deck list's rules (templates/decklist.html).
const deckListSheet = "decklist.css"

// backupSheet holds the rules of backup.js's controls and reminder and of
// the send and receive dialogs.
const backupSheet = "backup.css"

// PageSheets lists the stylesheets (in assets/) a page of kind ("index",
// "deck", "stats") links, in cascade order: the base, the deck
// list's when the page shows one, the backup controls' on every kind of
// page but a deck page, the page's own. The code-highlighting sheet,
// generated, comes after them (templates/layout.html).
func PageSheets(kind string, deckList bool) []string {
	sheets := []string{BaseSheet}
	if deckList {
		sheets = append(sheets, deckListSheet)
	}
	if kind != "deck" {
		sheets = append(sheets, backupSheet)
	}
	return append(sheets, kind+".css")
}
