package site

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Summary is the one line printed at the end of a build.
func (r *Result) Summary() string {
	return fmt.Sprintf("%d notes, %d decks, %d cards, %d media files, %d warnings in %s",
		r.Notes, r.Decks, r.Cards, r.Media, r.Warnings(), r.Duration.Round(time.Millisecond))
}

// KindCounts lists the diagnostics by kind, e.g. "missing-embed 3, broken-yaml 1",
// most frequent first.
func (r *Result) KindCounts() string {
	counts := map[string]int{}
	for _, d := range r.Diags {
		counts[d.Kind]++
	}
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		if counts[kinds[i]] != counts[kinds[j]] {
			return counts[kinds[i]] > counts[kinds[j]]
		}
		return kinds[i] < kinds[j]
	})
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, ", ")
}

// dedupeDiags drops repeats of one problem (same file, line, kind and
// message), which arise when a note is embedded in several places; ds
// must be sorted.
func dedupeDiags(ds []diag.Diagnostic) []diag.Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}
