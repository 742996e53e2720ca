package slug

import "testing"

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
