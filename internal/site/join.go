package site

// joinFragments returns open, the non-empty frags separated by commas,
// and close, in one buffer allocated at its final size. The files of a
// deck are joined from per-note pieces (the memo keeps those between
// builds); growing a buffer by doubling instead allocated about twice
// each file's size, a fifth of everything a large build allocates.
func joinFragments(open string, frags [][]byte, close string) []byte {
	size := len(open) + len(close)
	for _, f := range frags {
		size += len(f) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, open...)
	first := true
	for _, f := range frags {
		if len(f) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		b = append(b, f...)
		first = false
	}
	return append(b, close...)
}
