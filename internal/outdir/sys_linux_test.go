package outdir

import "testing"

func TestUnescapeMount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/mnt/site", "/mnt/site"},
		{`/mnt/my\040site`, "/mnt/my site"},
		{`/mnt/a\011b\134c`, "/mnt/a\tb\\c"},
		{`/mnt/odd\04`, `/mnt/odd\04`},
		{`/mnt/not\999octal`, `/mnt/not\999octal`},
	}
	for _, tt := range tests {
		if got := unescapeMount(tt.in); got != tt.want {
			t.Errorf("unescapeMount(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
