package layout

import (
	"crypto/sha256"
	"encoding/base64"
	"html/template"
)

// quizAtScript is the one inline script of the pages that run a quiz in
// place (the index and the deck pages; templates/layout.html). A page
// opened at #quiz shows its quiz from the first paint (site.css, "the
// quiz's place": Chromium matches :target only once the page has loaded,
// too late for that), and starts fetching the quiz's modules and sheets
// with the page's own instead of after them (quizplace.js), from the
// site's root (the manifest's folder). It runs in any browser the site
// supports, so it is plain old JavaScript.
const quizAtScript = `if(location.hash==="#quiz"){var d=document,r=new URL(".",d.querySelector("link[rel=manifest]").href).href;d.documentElement.className="at-quiz";["quiz","backup"].forEach(function(s){var l=d.createElement("link");l.rel="preload";l.as="style";l.href=r+"assets/"+s+".css";d.head.append(l)});import(r+"assets/js/quizplace.js");import(r+"assets/js/quizstart.js")}`

// ContentSecurityPolicy is every page's policy (templates/layout.html,
// 404.html): only the site itself, plus https images and media that notes
// link to, and no inline script but quizAtScript, allowed by its hash.
var ContentSecurityPolicy = "default-src 'self'; img-src 'self' https: data:; media-src 'self' https:; style-src 'self'; " +
	"script-src 'self' 'sha256-" + scriptHash(quizAtScript) + "'; object-src 'none'; base-uri 'self'; form-action 'self'"

// scriptHash is the CSP hash of an inline script's text.
func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// policyAttr is the policy as the content attribute of the layout's
// <meta http-equiv> (a whole attribute, so that its quotes are written
// as they are, not escaped).
func policyAttr() template.HTMLAttr {
	return template.HTMLAttr(`content="` + ContentSecurityPolicy + `"`)
}

// quizAt is quizAtScript for the layout's <script> element.
func quizAt() template.JS { return template.JS(quizAtScript) }
