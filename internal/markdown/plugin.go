package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Plugin blocks: code fences that an Obsidian plugin replaces by what it
// computes (a Dataview table, a task list, a button, a chart). They hold
// a query or a script, not code the author meant to show, and a static
// site cannot run them. Each is shown as a small muted box that says
// which plugin it is for, folded, with the source inside as plain text:
//
//	<details class="plugin-block" data-plugin="dataview">
//	<summary><span class="plugin-name">Dataview</span> · dynamic content from an Obsidian plugin</summary>
//	<pre><code>TABLE file.name</code></pre></details>
//
// The source carries no "language-" class: it is not code to highlight.
// Fences that are code the plugin draws (mermaid, TikZ) stay code.

// pluginFences maps a fence language (lower case) to the plugin that
// renders it. Kanban boards are whole notes, not fences, so they are not
// here.
var pluginFences = map[string]string{
	"dataview":          "Dataview",
	"dataviewjs":        "Dataview",
	"tasks":             "Tasks",
	"button":            "Buttons",
	"query":             "Search", // Obsidian's core search, embedded
	"base":              "Bases",  // Obsidian's core Bases
	"meta-bind":         "Meta Bind",
	"meta-bind-button":  "Meta Bind",
	"meta-bind-js-view": "Meta Bind",
	"tracker":           "Tracker",
	"chart":             "Charts",
	"datacore":          "Datacore",
	"datacorejs":        "Datacore",
	"datacorejsx":       "Datacore",
	"datacorets":        "Datacore",
	"datacoretsx":       "Datacore",
	"toc":               "Dynamic Table of Contents",
	"table-of-contents": "Automatic Table of Contents",
}

// pluginOf returns the plugin that renders fences of language lang, or "".
func pluginOf(lang string) string {
	if lang == "" {
		return ""
	}
	return pluginFences[strings.ToLower(lang)]
}

// renderPluginBlock writes fence n, of language lang for plugin, as a
// plugin box.
func renderPluginBlock(w util.BufWriter, src []byte, n *ast.FencedCodeBlock, lang, plugin string) {
	_, _ = w.WriteString(`<details class="plugin-block"`)
	writeAttr(w, "data-plugin", strings.ToLower(lang))
	_, _ = w.WriteString(`><summary><span class="plugin-name">`)
	writeEscaped(w, plugin)
	_, _ = w.WriteString("</span> · dynamic content from an Obsidian plugin</summary>\n<pre><code>")
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		writeEscaped(w, string(seg.Value(src)))
	}
	_, _ = w.WriteString("</code></pre></details>\n")
}
