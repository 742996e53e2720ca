package markdown

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/flipdeck/flipdeck/internal/diag"
)

// Embeds: ![[x.png]], ![[x.png|300]], ![[x.png|300x200]],
// ![[dir/x.png|alt text]], ![[Note]], ![[Note#Heading]] and local
// Markdown images ![alt](x%20y.png) (the transformer turns those into
// embed nodes). Resolved through Options.Resolver; shown as <img>,
// <audio>, <video>, a link to a PDF or other file, or the embedded note's
// rendered text. A missing target shows a visible placeholder.

type embedState int

const (
	embedUnresolved embedState = iota // no Resolver: placeholder, no warning
	embedFound
	embedMissing
	embedOutside
)

type embed struct {
	ast.BaseInline
	target        string // as written (URL-decoded for Markdown images)
	alt           string
	width, height int // as the note asks ("|300", "|300x200"), or 0
	// natWidth and natHeight are the image's own size (Target), or 0.
	natWidth, natHeight int

	state    embedState
	kind     EmbedKind
	url      string // with Options.Root
	download string // Target.Download
	noteHTML string // rendered EmbedNote text
	tooDeep  bool   // EmbedNote past maxEmbedDepth or the Budget: a link instead
}

var kindEmbed = ast.NewNodeKind("Embed")

func (n *embed) Kind() ast.NodeKind { return kindEmbed }

func (n *embed) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.target, "Alt": n.alt}, nil)
}

// embedBlock holds an embedded note that stood alone in its paragraph,
// so that its block content is not put inside a <p>.
type embedBlock struct{ ast.BaseBlock }

var kindEmbedBlock = ast.NewNodeKind("EmbedBlock")

func (n *embedBlock) Kind() ast.NodeKind { return kindEmbedBlock }

func (n *embedBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// setOptions reads "300", "300x200" or alt text from the parts after '|'.
func (n *embed) setOptions(parts []string) {
	var alt []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if w, h, ok := parseSize(p); ok {
			n.width, n.height = w, h
			continue
		}
		if p != "" {
			alt = append(alt, p)
		}
	}
	if len(alt) > 0 {
		n.alt = strings.Join(alt, " ")
	}
}

func parseSize(s string) (w, h int, ok bool) {
	a, b, hasH := strings.Cut(s, "x")
	w, err := strconv.Atoi(a)
	if err != nil || w <= 0 || w > 100000 {
		return 0, 0, false
	}
	if !hasH {
		return w, 0, true
	}
	h, err = strconv.Atoi(b)
	if err != nil || h <= 0 || h > 100000 {
		return 0, 0, false
	}
	return w, h, true
}

type embedParser struct{}

func (embedParser) Trigger() []byte { return []byte{'!'} }

func (embedParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '[' {
		return nil
	}
	n, target, alias, hasAlias, ok := scanWikilink(line[1:])
	if !ok {
		return nil
	}
	block.Advance(1 + n)
	e := &embed{target: target}
	if hasAlias {
		e.setOptions(strings.Split(strings.ReplaceAll(alias, `\|`, "|"), "|"))
	}
	e.SetPos(seg.Start)
	return e
}

// isLocal reports whether a link or image destination names a file in
// the vault rather than a remote resource or an in-page anchor.
func isLocal(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, "/") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i > 0 && dest[i] == ':' {
		return false // has a scheme: http:, https:, mailto:, data:, obsidian:, …
	}
	return true
}

// resolveImage turns a local Markdown image into an embed node, and
// marks one from the web (webImage).
func (st *state) resolveImage(img *ast.Image) {
	dest := string(img.Destination)
	if !isLocal(dest) {
		webImage(img)
		return
	}
	if d, err := url.PathUnescape(dest); err == nil {
		dest = d
	}
	e := &embed{target: dest}
	alt := plainText(img, st.src)
	e.setOptions(strings.Split(alt, "|"))
	e.SetPos(nodeOffset(img))
	parent := img.Parent()
	if parent == nil {
		return
	}
	parent.ReplaceChild(parent, img, e)
	st.resolveEmbed(e)
}

// webImage marks an image from another host (a web address in the
// note) to load only when it is about to show, decoded off the main
// thread, and without telling that host which page of the site shows it
// (the page's address is the reader's business). A card's answer then
// loads no image until it is turned, and a reader offline, or a host
// that is gone, costs the page nothing until then.
func webImage(img *ast.Image) {
	img.SetAttributeString("loading", "lazy")
	img.SetAttributeString("decoding", "async")
	img.SetAttributeString("referrerpolicy", "no-referrer")
}

func (st *state) resolveEmbed(n *embed) {
	if st.opt.Resolver == nil {
		return
	}
	if file, attachment := targetFile(n.target); !attachment && strings.TrimSpace(file) != "" &&
		(st.depth+1 > maxEmbedDepth || st.budget().embedsSpent()) && st.embedLink(n) {
		// Too deep or past the note's budget, a note is not read to be
		// embedded: it is a link, which its name is enough to find.
		return
	}
	t, ok, err := st.opt.Resolver.Embed(st.opt.File, n.target)
	switch {
	case err != nil:
		n.state = embedOutside
		st.warn(n.Pos(), diag.KindOutsideSource, "embedded file "+n.target+" is outside the source folder; embed only files inside it")
		return
	case !ok:
		st.embedMissing(n)
		return
	}
	n.state, n.kind, n.url, n.download = embedFound, t.Kind, st.opt.Root+t.URL, t.Download
	n.natWidth, n.natHeight = t.Width, t.Height
	if t.Kind != EmbedNote {
		return
	}
	switch {
	case st.depth+1 > maxEmbedDepth:
		n.tooDeep = true
	case !st.budget().embed(len(t.Markdown), max(t.NoteSize, len(t.Markdown))):
		// Over the note's budget: a link, like an embed too deep.
		n.tooDeep = true
	default:
		opt := st.opt // with the budget, shared by the embedded render
		opt.File, opt.Line = t.NoteFile, t.NoteLine
		opt.HeadingIDPrefix = st.opt.HeadingIDPrefix + "e" + strconv.Itoa(st.depth+1) + "-"
		// The embedded note is rendered on its own page too, where its
		// problems are reported; do not report them twice.
		n.noteHTML, _ = st.r.render(t.Markdown, opt, st.depth+1)
	}
	st.warnEmbedBudget(n)
	embedAsBlock(n)
}

// embedMissing marks n as an embed of a file or note that is not there.
func (st *state) embedMissing(n *embed) {
	n.state = embedMissing
	file, attachment := targetFile(n.target)
	if attachment {
		st.warn(n.Pos(), diag.KindMissingEmbed, missingAttachment(file))
	} else {
		st.warn(n.Pos(), diag.KindMissingEmbed, "embedded note "+file+" not found: create the note or fix the name")
	}
}

// embedLink makes n, an embed of a note, a link to the note, found as
// a link is; false when it finds no note (Embed says what it is).
func (st *state) embedLink(n *embed) bool {
	t, ok := st.opt.Resolver.Link(st.opt.File, n.target)
	if !ok || t.Kind != EmbedNote {
		return false
	}
	n.state, n.kind, n.url, n.tooDeep = embedFound, EmbedNote, st.opt.Root+t.URL, true
	st.warnEmbedBudget(n)
	embedAsBlock(n)
	return true
}

// warnEmbedBudget warns, once per note, at the embed of this note's text
// where its budget ran out: here or in the notes this one embeds, whose
// messages are dropped.
func (st *state) warnEmbedBudget(n *embed) {
	if st.depth == 0 && st.budget().takeEmbedWarning() {
		st.warn(n.Pos(), diag.KindLimit, "notes embedded from here on are shown as links: with the notes they embed, this note's embeds would add more than "+
			strconv.Itoa(maxNoteEmbeds)+" embeds or "+strconv.Itoa(maxEmbeddedBytes>>20)+" MiB of text, or read more than "+
			strconv.Itoa(maxEmbedReadBytes>>20)+" MiB of notes; embed fewer or smaller notes")
	}
}

// embedAsBlock makes an embedded note alone in its paragraph a block.
func embedAsBlock(n *embed) {
	if p := n.Parent(); p != nil && p.Kind() == ast.KindParagraph && p.ChildCount() == 1 && p.Parent() != nil {
		blk := &embedBlock{}
		p.Parent().ReplaceChild(p.Parent(), p, blk)
		blk.AppendChild(blk, n)
	}
}

// targetFile returns the file a link or embed target names, without its
// "#heading", "#^block" or "#page=3" part, and whether that file is an
// attachment (a PDF, an image, any file that is not a note): its name
// has an extension other than .md. An extension has a letter and no
// space, so "Note v1.2" is a note, as Obsidian reads it.
func targetFile(target string) (file string, attachment bool) {
	file = target
	if i := strings.IndexByte(file, '#'); i >= 0 {
		file = strings.TrimSpace(file[:i])
	}
	ext := path.Ext(file)
	if len(ext) < 2 || len(ext) > 6 || strings.EqualFold(ext, ".md") {
		return file, false
	}
	letter := false
	for _, c := range ext[1:] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return file, false
		}
	}
	return file, letter
}

// missingAttachment is the warning for an attachment that is not in the
// vault: unlike a note, it is not something to create.
func missingAttachment(file string) string {
	return "attachment " + file + " not found: add it to the vault or fix the name"
}

func (n *embed) name() string {
	if n.alt != "" {
		return n.alt
	}
	return n.target
}

type embedExt struct{}

func (embedExt) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(embedParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer(func(reg renderer.NodeRendererFuncRegisterer) {
		reg.Register(kindEmbed, renderEmbed)
		reg.Register(kindEmbedBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
			return ast.WalkContinue, nil
		})
	}), 500)))
}

func writeAttr(w util.BufWriter, name, value string) {
	_, _ = w.WriteString(" " + name + `="`)
	writeEscaped(w, value)
	_ = w.WriteByte('"')
}

func writeSize(w util.BufWriter, width, height int) {
	if width > 0 {
		writeAttr(w, "width", strconv.Itoa(width))
	}
	if height > 0 {
		writeAttr(w, "height", strconv.Itoa(height))
	}
}

// writeImageSize writes an image's width and height: as the note asks,
// with the missing one worked out from the image's own proportions, or
// the image's own size. With both known, the browser keeps the image's
// room before it loads (the stylesheet's height: auto keeps it in
// proportion when it is scaled down to fit).
func writeImageSize(w util.BufWriter, n *embed) {
	width, height := n.width, n.height
	if nw, nh := n.natWidth, n.natHeight; nw > 0 && nh > 0 {
		switch {
		case width == 0 && height == 0:
			width, height = nw, nh
		case height == 0:
			height = (width*nh + nw/2) / nw
		case width == 0:
			width = (height*nw + nh/2) / nh
		}
	}
	writeSize(w, width, height)
}

func renderEmbed(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*embed)
	switch {
	case n.state == embedOutside:
		_, _ = w.WriteString(`<span class="embed-missing">Outside the source folder: `)
		writeEscaped(w, n.target)
		_, _ = w.WriteString("</span>")
	case n.state != embedFound:
		// The label the note gives ("![[x.pdf#page=3|Slides]]"), then
		// the file that is missing, without the part after '#'.
		file, _ := targetFile(n.target)
		_, _ = w.WriteString(`<span class="embed-missing">Missing: `)
		if n.alt != "" && n.alt != file {
			writeEscaped(w, n.alt)
			_, _ = w.WriteString(" (")
			writeEscaped(w, file)
			_, _ = w.WriteString(")")
		} else {
			writeEscaped(w, file)
		}
		_, _ = w.WriteString("</span>")
	case n.kind == EmbedImage:
		_, _ = w.WriteString("<img")
		writeAttr(w, "src", n.url)
		alt := n.alt
		if alt == "" {
			alt = path.Base(n.target)
		}
		writeAttr(w, "alt", alt)
		_, _ = w.WriteString(` loading="lazy"`)
		writeImageSize(w, n)
		_, _ = w.WriteString(">")
	case n.kind == EmbedAudio:
		_, _ = w.WriteString(`<audio controls preload="metadata"`)
		writeAttr(w, "src", n.url)
		_, _ = w.WriteString("></audio>")
	case n.kind == EmbedVideo:
		_, _ = w.WriteString(`<video controls preload="metadata"`)
		writeAttr(w, "src", n.url)
		writeSize(w, n.width, n.height)
		_, _ = w.WriteString("></video>")
	case n.kind == EmbedNote && !n.tooDeep:
		_, _ = w.WriteString(`<div class="embed-note">` + "\n")
		_, _ = w.WriteString(n.noteHTML)
		_, _ = w.WriteString("</div>\n")
	default:
		class := "embed-file"
		switch n.kind {
		case EmbedPDF:
			class = "embed-pdf"
		case EmbedNote:
			class = "embed-note-link"
		}
		_, _ = w.WriteString(`<a class="` + class + `"`)
		writeAttr(w, "href", n.url)
		if n.download != "" {
			writeAttr(w, "download", n.download)
		}
		_, _ = w.WriteString(">")
		writeEscaped(w, n.name())
		_, _ = w.WriteString("</a>")
	}
	return ast.WalkSkipChildren, nil
}
