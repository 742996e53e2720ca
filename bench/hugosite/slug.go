package hugosite

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/flipdeck/flipdeck/internal/slug"
)

// anchor is the id Hugo's goldmark gives a heading by default (GitHub's
// style): lower case, spaces to hyphens, other punctuation dropped.
func anchor(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// namer hands out unique slugs within one folder: gen's (internal/slug:
// lower-case letters and digits joined by hyphens, "x" for a name with
// none), and for the second name that slugs alike "-2", the third "-3".
// Names are asked in the vault's sorted order, so the result is
// deterministic.
type namer map[string]bool

func (n namer) unique(name string) string {
	s := slug.Make(name)
	u := s
	for k := 2; n[u]; k++ {
		u = s + "-" + strconv.Itoa(k)
	}
	n[u] = true
	return u
}
