// Package hugosite turns a synthetic vault (bench/vaultgen's output) into
// a Hugo site folder, so that bench/run.sh can time Hugo on the same notes
// as gen and the floor.
//
// The site asks Hugo for work comparable to gen's: one page per note, its
// whole Markdown rendered by Hugo's goldmark with code fences highlighted
// by Hugo's chroma (CSS classes, as gen does), one list page per deck and
// deck level, an index listing the deck tree, the attachments copied, and
// the output minified (`hugo --minify`). The conversion itself is not
// timed: like writing the vault, it is preparation.
//
// What the conversion does to a note, so that Hugo's Markdown is the
// note's Markdown: the YAML frontmatter becomes Hugo front matter (title
// from the file name, tags, `created` as the date, the `cards-deck:` as
// the note's section, so each deck level is a Hugo section); Obsidian
// wikilinks `[[T]]`, `[[T|alias]]`, `[[T#H]]` become Markdown links to the
// note's page, and embeds `![[img.png|300]]` Markdown images (Hugo has no
// wikilinks). Everything else (cards, `==highlights==`, math, callouts) is
// left as it is: Hugo renders it as plain Markdown, so Hugo does less than
// gen, never more. Tag and taxonomy pages, RSS and the sitemap are off (gen
// makes none of them).
//
// The same vault always gives byte-identical files.
package hugosite
