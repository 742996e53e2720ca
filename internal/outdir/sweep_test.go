package outdir

import "testing"

func TestLeftoverNames(t *testing.T) {
	stages := []struct {
		name string
		want bool
	}{
		{".gen-public.123-0.site", true},
		{".gen-public.1-12.site", true},
		{".gen-public.123.site", false},
		{".gen-public.x-0.site", false},
		{".gen-public.123-0.site.bak", false},
		{".gen-publicity.123-0.site", false},
		{".gen-other.123-0.site", false},
		{"public", false},
	}
	for _, tt := range stages {
		if got := isStageName(tt.name, "public"); got != tt.want {
			t.Errorf("isStageName(%q, public) = %v, want %v", tt.name, got, tt.want)
		}
	}
	temps := []struct {
		name string
		want bool
	}{
		{".gen-123.tmp", true},
		{".gen-index.html.42-0.bak", true},
		{"gen-1.tmp", false},
		{".gen-notes.md", false},
		{"index.html", false},
	}
	for _, tt := range temps {
		if got := isTempName(tt.name); got != tt.want {
			t.Errorf("isTempName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
