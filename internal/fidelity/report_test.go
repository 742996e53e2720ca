package fidelity

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/flipdeck/flipdeck/internal/corpus"
)

// reportTags are the card tags the vaults are built with: the corpus's
// becknik vault tags its cards #fc (as internal/site's TestCorpusBuilds).
var reportTags = []string{"card", "fc"}

// sample is the repository's sample vault.
const sample = "../../content"

// vaultDirs are the vaults a report covers: the sample, the real-world
// corpus when it is beside the project, and testdata/issue11, a note for
// each problem issue 11 lists, named by its number. Items 7, 10, 15, 16
// and the \not and \cancel parts of 11 leave nothing an HTML lint can
// see (a wrong card, a message, cards.json); their notes are there to
// show that their fixed output has no leak either.
func vaultDirs() []string {
	dirs := append([]string{sample}, corpus.VaultDirs()...)
	return append(dirs, filepath.Join("testdata", "issue11"))
}

// reports builds and lints each vault of vaultDirs once for all tests.
var reports = sync.OnceValues(func() ([]*VaultReport, error) {
	var rs []*VaultReport
	for _, dir := range vaultDirs() {
		r, err := ReportVault(dir, reportTags)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		rs = append(rs, r)
	}
	return rs, nil
})

// vaultReports is reports for a test, which it tells when the real-world
// corpus is missing.
func vaultReports(t *testing.T) []*VaultReport {
	t.Helper()
	if len(corpus.VaultDirs()) == 0 {
		dir, _ := corpus.Dir()
		t.Logf("%v (%s): only the sample and testdata are checked", corpus.ErrAbsent, dir)
	}
	rs, err := reports()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestReport prints the fidelity report with -v: per vault notes, cards
// and leaks by rule, then each vault's notes and its findings.
//
//	go test ./internal/fidelity -run TestReport -v
func TestReport(t *testing.T) {
	reports := vaultReports(t)
	for _, r := range reports {
		if len(r.Notes) == 0 {
			t.Errorf("%s: no notes shown", r.Name)
		}
	}
	if !testing.Verbose() {
		return
	}
	var b strings.Builder
	b.WriteString("\n## Fidelity report\n\n")
	_ = WriteSummary(&b, reports)
	for _, r := range reports {
		b.WriteString("\n")
		_ = WriteNotes(&b, r)
		if len(r.Findings) > 0 {
			b.WriteString("\nFindings:\n\n")
			_ = WriteFindings(&b, r)
		}
	}
	os.Stdout.WriteString(b.String())
}

// TestNoLeaks wants no leaked syntax in the site of the sample, of each
// real-world vault, and of the issue-11 notes. Run one vault with
// -run 'TestNoLeaks/<name>'.
func TestNoLeaks(t *testing.T) {

	for _, r := range vaultReports(t) {
		t.Run(r.Name, func(t *testing.T) {
			for _, f := range r.Findings {
				t.Errorf("%s", f)
			}
		})
	}
}

// TestReportCountsCards: a vault's report counts the cards cards.json
// lists for each note (format 2: under their deck and note).
func TestReportCountsCards(t *testing.T) {
	got, err := cardsPerNote([]byte(`{"title":"T","format":2,"decks":[` +
		`{"deck":["A"],"page":"decks/a.html","notes":[{"note":"a.md","tags":[],"cards":[{"id":"1"},{"id":"2"}]},{"note":"b.md","tags":[],"cards":[{"id":"3"}]}]},` +
		`{"deck":["B"],"page":"decks/b.html","notes":[{"note":"c.md","tags":[],"cards":[{"id":"4"}]}]}]}`))
	if err != nil || got["a.md"] != 2 || got["b.md"] != 1 || got["c.md"] != 1 || len(got) != 3 {
		t.Errorf("cards per note %v, %v", got, err)
	}
	for _, r := range vaultReports(t) {
		if r.Name == filepath.Base(sample) && r.Cards() == 0 {
			t.Errorf("the sample's report counts no cards")
		}
	}
}
