package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"What is Kinesis?", "what-is-kinesis"},
		{"AWS Exams", "aws-exams"},
		{"  spaces  and\ttabs ", "spaces-and-tabs"},
		{"Präfix-Baum", "präfix-baum"},
		{"数学 笔记", "数学-笔记"},
		{"🔴 Academic", "academic"},
		{"C++ & Go", "c-go"},
		{"%2F slash", "2f-slash"},
		{"???", "x"},
		{"", "x"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFile: slugs of normal length are kept byte for byte (progress and
// URLs depend on them); long ones are cut at a character boundary and
// end in a hash of the whole slug, so two long names that differ only
// at the end still get two files.
func TestFile(t *testing.T) {
	for _, s := range []string{"aws-exams", "数学-笔记", strings.Repeat("a", MaxFile), strings.Repeat("é", MaxFile/2)} {
		if got := File(s); got != s {
			t.Errorf("File(%q) = %q, want it unchanged", s, got)
		}
	}
	long := []string{strings.Repeat("a", 252), strings.Repeat("a", 251) + "b", strings.Repeat("数", 84),
		strings.Repeat("数", 83) + "学", strings.Repeat("a", 199) + "数数", strings.Repeat("a-", 150)}
	seen := map[string]string{}
	for _, s := range long {
		got := File(s)
		if len(got) > MaxFile || !utf8.ValidString(got) || got != File(s) {
			t.Errorf("File(%q) = %q (%d bytes): want at most %d bytes of valid UTF-8, the same every time", s, got, len(got), MaxFile)
		}
		if strings.Contains(got, "--") && !strings.Contains(s, "--") {
			t.Errorf("File(%q) = %q: a doubled dash", s, got)
		}
		if !strings.HasPrefix(got, s[:100]) {
			t.Errorf("File(%q) = %q: want it to start as the slug does", s, got)
		}
		if o, ok := seen[got]; ok {
			t.Errorf("File(%q) = File(%q) = %q", s, o, got)
		}
		seen[got] = s
	}
}
