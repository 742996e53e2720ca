package site

import (
	"fmt"
	"path"
	"strings"

	"github.com/flipdeck/flipdeck/internal/diag"
	"github.com/flipdeck/flipdeck/internal/vault"
)

// activeDocument are the extensions of files a browser opens as a
// document that may run script: HTML, XHTML, and XML of any kind (an XML
// document may hold XHTML script, or apply XSLT that makes HTML). Served
// from the site, their scripts would run in its origin, where they can
// read and change every reader's progress. (SVG images are made safe
// instead: svg.go.)
var activeDocument = map[string]bool{
	".html": true, ".htm": true, ".shtml": true, ".xhtml": true, ".xht": true, ".mht": true, ".mhtml": true,
	".xml": true, ".xsl": true, ".xslt": true, ".xsd": true, ".rss": true, ".atom": true, ".rdf": true,
	".mml": true, ".svgz": true,
}

// kindActive counts attachments that could run script on the site.
const kindActive = "active-attachment"

// inertMedia returns the bytes to publish of attachment f, made unable to
// run script on the site unless -unsafe-html (nil: not published), and a
// warning about what was done.
func (b *Builder) inertMedia(f *vault.File, m *mediaSet, data []byte) ([]byte, *diag.Diagnostic) {
	if b.opt.UnsafeHTML {
		return data, nil
	}
	warn := func(msg string) *diag.Diagnostic {
		return &diag.Diagnostic{File: f.Path, Kind: kindActive, Severity: diag.Warning, Message: msg}
	}
	if _, ok := m.download[f]; ok {
		return data, warn(fmt.Sprintf("a web page attached here would run its scripts on the site, where they could read and change the reader's progress: it is published as a file to download (%s); build with -unsafe-html to publish it as a page", m.names[f]))
	}
	if strings.ToLower(path.Ext(f.Path)) != ".svg" {
		return data, nil
	}
	clean, removed, err := sanitizeSVG(data)
	if err != nil {
		return nil, warn(fmt.Sprintf("SVG image cannot be read (%v) and is not copied; save it as a valid SVG file", err))
	}
	if removed {
		return clean, warn("SVG image has scripts, event handlers, links or embedded HTML, which would run on the site when the image is opened: they are left out; build with -unsafe-html to keep them")
	}
	return clean, nil
}
