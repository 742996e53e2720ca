package fidelity

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/flipdeck/flipdeck/internal/site"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// VaultReport is what one vault's site shows: its notes with their cards
// and leaks, and every finding of the lint.
type VaultReport struct {
	Name     string
	Notes    []NoteReport // in path order
	Findings []Finding
	// Site counts by rule the findings outside any note (page titles,
	// the index).
	Site map[Rule]int
}

// NoteReport is one note: its source path, the cards cards.json lists for
// it, and its leaks by rule.
type NoteReport struct {
	Path  string
	Cards int
	Leaks map[Rule]int
}

// Cards is the number of cards of the vault.
func (v *VaultReport) Cards() int {
	n := 0
	for _, note := range v.Notes {
		n += note.Cards
	}
	return n
}

// Leaks counts the vault's findings by rule.
func (v *VaultReport) Leaks() map[Rule]int {
	return countRules(v.Findings)
}

// ReportVault builds the vault in folder dir in memory, with tags as the
// card tags (gen's -tags), and lints the result. The build is the one gen
// makes (site.Generate is site.Build without the writing).
func ReportVault(dir string, tags []string) (*VaultReport, error) {
	v, _, err := vault.Scan(dir, vault.ScanOptions{})
	if err != nil {
		return nil, err
	}
	out, _ := site.Generate(v, site.Options{Title: "Flashcards", Tags: tags})
	findings, shown := lintSite(out, Options{CardTags: tags})
	cards, err := cardsPerNote(out["cards.json"])
	if err != nil {
		return nil, err
	}
	byNote := map[string]*NoteReport{}
	note := func(path string) *NoteReport {
		if byNote[path] == nil {
			byNote[path] = &NoteReport{Path: path, Leaks: map[Rule]int{}}
		}
		return byNote[path]
	}
	for _, path := range shown {
		note(path)
	}
	for path, n := range cards {
		note(path).Cards = n
	}
	r := &VaultReport{Name: filepath.Base(dir), Findings: findings, Site: map[Rule]int{}}
	for _, f := range findings {
		if f.Note == "" {
			r.Site[f.Rule]++
		} else {
			note(f.Note).Leaks[f.Rule]++
		}
	}
	for _, n := range byNote {
		r.Notes = append(r.Notes, *n)
	}
	slices.SortFunc(r.Notes, func(a, b NoteReport) int { return strings.Compare(a.Path, b.Path) })
	return r, nil
}

// cardsPerNote counts the cards of each note in a site's cards.json
// (format 2: decks, their notes, their cards).
func cardsPerNote(cardsJSON []byte) (map[string]int, error) {
	var file struct {
		Decks []struct {
			Notes []struct {
				Note  string            `json:"note"`
				Cards []json.RawMessage `json:"cards"`
			} `json:"notes"`
		} `json:"decks"`
	}
	if err := json.Unmarshal(cardsJSON, &file); err != nil {
		return nil, fmt.Errorf("cards.json: %w", err)
	}
	n := map[string]int{}
	for _, d := range file.Decks {
		for _, note := range d.Notes {
			n[note.Note] += len(note.Cards)
		}
	}
	return n, nil
}

func countRules(fs []Finding) map[Rule]int {
	n := map[Rule]int{}
	for _, f := range fs {
		n[f.Rule]++
	}
	return n
}

// byRule writes counts as "rule n, rule n" in the order of Rules, or "–"
// when there are none.
func byRule(counts map[Rule]int) string {
	var parts []string
	for _, r := range Rules {
		if counts[r] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", r, counts[r]))
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

func total(counts map[Rule]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// WriteSummary writes a Markdown table with one row per vault: notes,
// cards, leaks, and leaks by rule.
func WriteSummary(w io.Writer, vaults []*VaultReport) error {
	var b strings.Builder
	b.WriteString("| vault | notes | cards | leaks | leaks by rule |\n|---|---:|---:|---:|---|\n")
	for _, v := range vaults {
		leaks := v.Leaks()
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s |\n", v.Name, len(v.Notes), v.Cards(), total(leaks), byRule(leaks))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteNotes writes a Markdown table of a vault's notes: cards and leaks
// by rule.
func WriteNotes(w io.Writer, v *VaultReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n| note | cards | leaks | leaks by rule |\n|---|---:|---:|---|\n", v.Name)
	for _, n := range v.Notes {
		fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", escapeCell(n.Path), n.Cards, total(n.Leaks), byRule(n.Leaks))
	}
	if len(v.Site) > 0 {
		fmt.Fprintf(&b, "| (outside notes) | | %d | %s |\n", total(v.Site), byRule(v.Site))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteFindings writes every finding as a Markdown list item.
func WriteFindings(w io.Writer, v *VaultReport) error {
	var b strings.Builder
	for _, f := range v.Findings {
		where := f.Note
		if where == "" {
			where = "page " + f.File
		}
		fmt.Fprintf(&b, "- %s · %s · %s\n", f.Rule, where, f.Excerpt)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
