package site

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestSanitizeSVGRemovesScript: every way an SVG opened as a document
// could run script is gone, and the result is still a well-formed SVG.
func TestSanitizeSVGRemovesScript(t *testing.T) {
	attacks := []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><script>pwn()</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" onload="pwn()"><rect width="1" height="1"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="pwn()" width="1"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="pwn()"/></body></foreignObject></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script>pwn()</h:script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:pwn()"><text>click</text></a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:pwn()"><text>click</text></a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:pwn()"/><text>x</text></a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="xlink:href" values="javascript:pwn()"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="pwn()"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/svg+xml,&lt;svg onload='pwn()'/&gt;"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><image href="javascript:pwn()"/></svg>`,
		`<?xml-stylesheet type="text/xsl" href="evil.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
		`<!DOCTYPE svg [<!ENTITY x "<script>pwn()</script>">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xml:base="javascript:pwn()//"><iframe src="javascript:pwn()"/></svg>`,
		`<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script>pwn()</svg:script></svg:svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><handler>pwn()</handler><listener event="load" handler="#h"/></svg>`,
	}
	for _, a := range attacks {
		out, removed, err := sanitizeSVG([]byte(a))
		if err != nil {
			t.Errorf("%s: %v", a, err)
			continue
		}
		if !removed && !strings.Contains(a, "ENTITY") { // (an entity is only text)
			t.Errorf("%s: not reported as removing anything", a)
		}
		if bad := activeSVG(out); bad != "" {
			t.Errorf("%s\n gives %s\n with %s", a, out, bad)
		}
	}
	for _, bad := range []string{"", "<html><script>pwn()</script></html>", "<svg", "not xml", `<svg><x>&undefined;</x></svg>`} {
		if out, _, err := sanitizeSVG([]byte(bad)); err == nil {
			t.Errorf("%q is not an SVG, yet gives %s", bad, out)
		}
	}
}

// activeSVG returns what in the SVG svg could run script ("" if none):
// an element or processing instruction that is not a plain drawing's, an
// event handler, a reference to something else than the file itself or
// an embedded image; or a reason it is not well-formed.
func activeSVG(svg []byte) string {
	d := xml.NewDecoder(strings.NewReader(string(svg)))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				return ""
			}
			return err.Error()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != svgSpace || !svgElements[t.Name.Local] {
				return "element " + t.Name.Space + " " + t.Name.Local
			}
			for _, a := range t.Attr {
				v := strings.ToLower(a.Value)
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || strings.Contains(v, "javascript:") ||
					a.Name.Local == "base" || a.Name.Local == "href" && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:image/") {
					return "attribute " + a.Name.Local + "=" + a.Value
				}
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return "processing instruction " + t.Target
			}
		case xml.Directive:
			return "directive " + string(t)
		}
	}
}

// TestSanitizeSVGKeepsDrawings: what drawings use stays as it was:
// shapes, text, styles, gradients, references, embedded images and
// fonts, Illustrator's namespace entities; editors' metadata goes
// without a warning.
func TestSanitizeSVGKeepsDrawings(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<?xml version="1.0"?>
<!-- Generator: editor -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" inkscape:version="1.0"><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><style><![CDATA[ .a > .b { fill: url(#g) } @font-face { font-family: V; src: url(data:font/woff2;base64,AAAA) } ]]></style></defs><g class="a"><rect class="b" width="5" height="5" fill="url(#g)"/><use xlink:href="#g" href="#g"/><image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/><text xml:space="preserve" x="1" y="2">A &amp; B &lt; C</text><a href="https://example.com/"><circle r="1"/></a></g></svg>`,
			`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="red"></stop></linearGradient><style> .a &gt; .b { fill: url(#g) } @font-face { font-family: V; src: url(data:font/woff2;base64,AAAA) } </style></defs><g class="a"><rect class="b" width="5" height="5" fill="url(#g)"></rect><use xlink:href="#g" href="#g"></use><image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="></image><text xml:space="preserve" x="1" y="2">A &amp; B &lt; C</text><circle r="1"></circle></g></svg>
`},
		{`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink 'http://www.w3.org/1999/xlink'>
]><svg xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" width="2"><path d="M0 0L1 1"/></svg>`,
			`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="2"><path d="M0 0L1 1"></path></svg>
`},
	} {
		out, removed, err := sanitizeSVG([]byte(c.in))
		if err != nil || string(out) != c.want || removed {
			t.Errorf("%s\n gives %v, %v:\n%s\nwant:\n%s", c.in, removed, err, out, c.want)
		}
	}
}
