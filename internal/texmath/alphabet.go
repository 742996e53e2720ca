package texmath

// Math alphabets (\mathbb, \mathcal, \mathbf, ...).
//
// MathML Core, which Chromium implements, ignores mathvariant on <mi>
// except for "normal", so a double-struck R has to be the character
// U+211D itself. Unicode's Mathematical Alphanumeric Symbols block lays the
// alphabets out in a regular grid, so the code points are computed from the
// start of each alphabet; a few letters already existed elsewhere in
// Unicode ("holes" in the block) and are listed explicitly.

// latinStart is the code point of capital A in each alphabet; small a
// follows 26 code points later.
var latinStart = map[string]rune{
	"bold":                   0x1D400,
	"italic":                 0x1D434,
	"bold-italic":            0x1D468,
	"script":                 0x1D49C,
	"bold-script":            0x1D4D0,
	"fraktur":                0x1D504,
	"double-struck":          0x1D538,
	"bold-fraktur":           0x1D56C,
	"sans-serif":             0x1D5A0,
	"sans-serif-bold":        0x1D5D4,
	"sans-serif-italic":      0x1D608,
	"sans-serif-bold-italic": 0x1D63C,
	"monospace":              0x1D670,
}

// digitStart is the code point of digit zero in the alphabets that have
// digits.
var digitStart = map[string]rune{
	"bold":            0x1D7CE,
	"double-struck":   0x1D7D8,
	"sans-serif":      0x1D7E2,
	"sans-serif-bold": 0x1D7EC,
	"monospace":       0x1D7F6,
}

// greekStart is the code point of capital Alpha in the alphabets that have
// Greek. Capitals take 25 slots (the 18th is a capital theta symbol, which
// lines up with the unassigned U+03A2), then nabla, then 25 small letters
// (final sigma in the 18th slot), then partial and six variant letters.
var greekStart = map[string]rune{
	"bold":        0x1D6A8,
	"italic":      0x1D6E2,
	"bold-italic": 0x1D71C,
}

// holes lists letters whose slot in the block is reserved because the
// character was encoded earlier.
var holes = map[string]map[rune]rune{
	"italic": {'h': 'ℎ'},
	"script": {
		'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ',
		'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ',
	},
	"fraktur":       {'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ'},
	"double-struck": {'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ'},
}

// greekVariantSlots are the offsets, from the small-letter start, of the
// symbols that follow small omega in each Greek alphabet.
var greekVariantSlots = map[rune]rune{
	'∂': 25, 'ϵ': 26, 'ϑ': 27, 'ϰ': 28, 'ϕ': 29, 'ϱ': 30, 'ϖ': 31,
}

// mapVariant returns r drawn from the named alphabet. ok is false when the
// alphabet has no such character; the caller then falls back to a
// mathvariant attribute, which Firefox still honours.
func mapVariant(r rune, variant string) (rune, bool) {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		if h, ok := holes[variant][r]; ok {
			return h, true
		}
		start, ok := latinStart[variant]
		if !ok {
			return r, false
		}
		if r >= 'a' {
			return start + 26 + (r - 'a'), true
		}
		return start + (r - 'A'), true
	case r >= '0' && r <= '9':
		start, ok := digitStart[variant]
		if !ok {
			return r, false
		}
		return start + (r - '0'), true
	}
	start, ok := greekStart[variant]
	if !ok {
		return r, false
	}
	switch {
	case r >= 'Α' && r <= 'Ω':
		return start + (r - 'Α'), true
	case r == '∇':
		return start + 25, true
	case r >= 'α' && r <= 'ω':
		return start + 26 + (r - 'α'), true
	}
	if off, ok := greekVariantSlots[r]; ok {
		return start + 26 + off, true
	}
	return r, false
}
