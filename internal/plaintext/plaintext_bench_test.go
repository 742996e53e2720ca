package plaintext

import "testing"

// BenchmarkPlainText runs FromHTML, and the x/net/html Tokenizer version
// it replaced, over every rendered note body and card side that
// renderedHTML finds (one op is all of them).
func BenchmarkPlainText(b *testing.B) {
	docs := renderedHTML(b)
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	for _, bc := range []struct {
		name string
		f    func(string) string
	}{{"new", FromHTML}, {"reference", plainTextReference}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range docs {
					bc.f(d)
				}
			}
		})
	}
}
