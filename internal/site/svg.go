package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html/charset"
)

// An SVG shown with <img> runs no script, but the same file opened as a
// document (a link to it, "open image in new tab", a link someone sends)
// runs its scripts in the site's origin, where they could read and
// change the reader's progress. Without -unsafe-html, gen publishes
// every SVG rewritten from an allowlist: SVG elements and attributes
// only; no script, no event handlers, no foreignObject (HTML inside),
// no links (an <a> keeps its content), no references but to the file
// itself (href="#id") and to embedded images (data:image/…), no
// animation of links or handlers, no processing instructions, comments
// or DOCTYPE (its entities are expanded as text). Everything a drawing
// shows stays.

const (
	svgSpace   = "http://www.w3.org/2000/svg"
	xlinkSpace = "http://www.w3.org/1999/xlink"
	xmlSpace   = "http://www.w3.org/XML/1998/namespace"
)

// svgElements are the elements kept (with their content).
var svgElements = setOf(`svg g defs symbol use desc title switch view
path rect circle ellipse line polyline polygon text tspan textPath image
linearGradient radialGradient stop pattern clipPath mask marker style
filter feBlend feColorMatrix feComponentTransfer feComposite
feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight
feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
feImage feMerge feMergeNode feMorphology feOffset fePointLight
feSpecularLighting feSpotLight feTile feTurbulence
animate animateTransform animateMotion set mpath`)

// svgUnwrappedElements are elements dropped whose content is kept.
var svgUnwrappedElements = setOf("a")

// svgHarmless are elements dropped without a word: editors' metadata.
var svgHarmless = setOf("metadata")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// safeDataImage matches an embedded raster or SVG image.
var safeDataImage = regexp.MustCompile(`(?i)^data:image/(png|jpeg|jpg|gif|webp|avif|bmp|svg\+xml)[;,]`)

// entityDecl matches a general entity declaration of a DOCTYPE.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_][-A-Za-z0-9_.]*)\s+(?:"([^"]*)"|'([^']*)')\s*>`)

// sanitizeSVG returns the SVG in data rewritten as above, and whether it
// had anything that could run script (removed). An error means it is not
// a well-formed SVG document, which is then not published.
func sanitizeSVG(data []byte) (out []byte, removed bool, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = charset.NewReaderLabel
	d.Entity = map[string]string{}
	w := &svgWriter{}
	w.b.Grow(len(data))
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, err
		}
		switch t := tok.(type) {
		case xml.Directive:
			// <!DOCTYPE svg [<!ENTITY ns_svg "http://…">]>: Illustrator
			// names its namespaces so. The entities become plain text.
			for _, m := range entityDecl.FindAllSubmatch(t, -1) {
				d.Entity[string(m[1])] = string(m[2]) + string(m[3])
			}
		case xml.StartElement:
			if err := w.start(t); err != nil {
				return nil, false, err
			}
		case xml.EndElement:
			w.end(t)
		case xml.CharData:
			if w.skip == 0 && len(w.stack) > 0 {
				xml.EscapeText(&w.b, t)
			}
		case xml.ProcInst:
			// <?xml-stylesheet?> would apply XSLT, which can make HTML.
			w.removed = w.removed || t.Target != "xml"
		}
	}
	if !w.root {
		return nil, false, errors.New("the document is empty")
	}
	w.b.WriteByte('\n')
	return w.b.Bytes(), w.removed, nil
}

// svgWriter writes the sanitized SVG as sanitizeSVG reads the tokens of
// the original.
type svgWriter struct {
	b       bytes.Buffer
	stack   []svgOpen // per open element written or unwrapped
	skip    int       // depth inside a dropped element
	root    bool      // the root <svg> was read
	removed bool      // something that could run script was left out
}

// svgOpen tells what became of an open element.
type svgOpen int

const (
	svgKept      svgOpen = iota // written, with its content
	svgUnwrapped                // left out, its content written
)

// start handles a start tag: it keeps the element, unwraps it, or drops
// it with all its content.
func (w *svgWriter) start(t xml.StartElement) error {
	if w.skip > 0 {
		w.skip++
		return nil
	}
	space, name := t.Name.Space, t.Name.Local
	if !w.root {
		if name != "svg" || (space != svgSpace && space != "") {
			return errors.New("the document is not an SVG image (its root is not <svg>)")
		}
		w.root = true
	}
	switch {
	case space != svgSpace && space != "":
		w.skip = 1 // an editor's own (Inkscape, Sketch) or XHTML
		w.removed = w.removed || space == "http://www.w3.org/1999/xhtml"
		return nil
	case svgUnwrappedElements[name]:
		w.stack = append(w.stack, svgUnwrapped)
		w.removed = w.removed || scriptLink(t.Attr)
		return nil
	case !svgElements[name] || animatesLink(name, t.Attr):
		w.skip = 1
		w.removed = w.removed || !svgHarmless[name]
		return nil
	}
	w.b.WriteString("<" + name)
	if len(w.stack) == 0 {
		w.b.WriteString(` xmlns="` + svgSpace + `" xmlns:xlink="` + xlinkSpace + `"`)
	}
	for _, a := range t.Attr {
		attr, ok, danger := svgAttr(name, a)
		w.removed = w.removed || danger
		if ok {
			w.b.WriteString(" " + attr + `="`)
			xml.EscapeText(&w.b, []byte(a.Value))
			w.b.WriteByte('"')
		}
	}
	w.b.WriteByte('>')
	w.stack = append(w.stack, svgKept)
	return nil
}

// end handles an end tag: the end of a kept element is written.
func (w *svgWriter) end(t xml.EndElement) {
	if w.skip > 0 {
		w.skip--
		return
	}
	top := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	if top == svgKept {
		w.b.WriteString("</" + t.Name.Local + ">")
	}
}

// svgAttr returns the name to write attribute a of element elem under,
// and whether to keep it; danger reports one that could run script or
// load something.
func svgAttr(elem string, a xml.Attr) (name string, keep, danger bool) {
	local := a.Name.Local
	switch a.Name.Space {
	case "":
		if local == "xmlns" {
			return "", false, false // written on the root
		}
		name = local
	case xlinkSpace:
		if local != "href" {
			return "", false, false
		}
		name = "xlink:href"
	case xmlSpace:
		// xml:base would change what relative references mean.
		return "xml:" + local, local == "space" || local == "lang", local == "base"
	default:
		return "", false, false // xmlns declarations, editors' attributes
	}
	lower := strings.ToLower(local)
	switch {
	case strings.HasPrefix(lower, "on"):
		return "", false, true
	case lower == "href" || lower == "src":
		v := strings.TrimSpace(a.Value)
		if strings.HasPrefix(v, "#") || (elem == "image" || elem == "feImage") && safeDataImage.MatchString(v) {
			return name, true, false
		}
		return "", false, true
	}
	return name, true, false
}

// animatesLink reports an animation element that would set a link or an
// event handler (<set attributeName="href" to="javascript:…">).
func animatesLink(elem string, attrs []xml.Attr) bool {
	switch elem {
	case "animate", "animateTransform", "animateMotion", "set":
	default:
		return false
	}
	for _, a := range attrs {
		if a.Name.Space == "" && a.Name.Local == "attributeName" {
			v := strings.ToLower(strings.TrimSpace(a.Value))
			if i := strings.LastIndexByte(v, ':'); i >= 0 {
				v = v[i+1:]
			}
			if v == "href" || v == "src" || strings.HasPrefix(v, "on") {
				return true
			}
		}
	}
	return false
}

// scriptLink reports an event handler, or a link that is not to a web
// page, among the attributes of an <a> (javascript:, data:).
func scriptLink(attrs []xml.Attr) bool {
	for _, a := range attrs {
		local := strings.ToLower(a.Name.Local)
		if strings.HasPrefix(local, "on") {
			return true
		}
		if local == "href" {
			v := strings.ToLower(strings.TrimSpace(a.Value))
			if i := strings.IndexAny(v, ":/?#"); i >= 0 && v[i] == ':' && !strings.HasPrefix(v, "http:") &&
				!strings.HasPrefix(v, "https:") && !strings.HasPrefix(v, "mailto:") {
				return true
			}
		}
	}
	return false
}
