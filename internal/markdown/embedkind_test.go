package markdown

import "testing"

func TestEmbedKindOf(t *testing.T) {
	for name, want := range map[string]EmbedKind{
		"a/b.PNG": EmbedImage, "x.svg": EmbedImage, "s.mp3": EmbedAudio, "v.webm": EmbedAudio,
		"f.mp4": EmbedVideo, "d.pdf": EmbedPDF, "Note.md": EmbedNote, "t.txt": EmbedOther, "noext": EmbedOther,
	} {
		if got := EmbedKindOf(name); got != want {
			t.Errorf("EmbedKindOf(%q) = %v, want %v", name, got, want)
		}
	}
}
