package markdown

import (
	"path"
	"strings"
)

// EmbedKindOf is how a file is shown when a note embeds it, from its
// name's extension: image, audio, video, PDF, note, or other (a link).
// The site's resolver answers embeds with it, and the service worker
// precaches the images and sounds it names.
func EmbedKindOf(name string) EmbedKind {
	switch strings.ToLower(path.Ext(name)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico":
		return EmbedImage
	case ".mp3", ".wav", ".ogg", ".m4a", ".webm", ".flac", ".3gp":
		return EmbedAudio
	case ".mp4", ".mov", ".ogv", ".mkv":
		return EmbedVideo
	case ".pdf":
		return EmbedPDF
	case ".md":
		return EmbedNote
	}
	return EmbedOther
}
