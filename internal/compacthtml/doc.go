// Package compacthtml drops the white space between HTML tags that a
// browser never shows: the line breaks goldmark writes after each block
// and those between the tags of the page templates and of the markup
// written in Go. The site's pages are written with it instead of being
// run through a general HTML minifier, which tokenised every page once
// more (9 % of the CPU of a 5,000-note build) to save mostly these
// bytes; the rest it saved (shorter attribute values and character
// references) was about 0.1 % of a deck page.
//
// It removes white space only where it touches a block-level tag (one
// that tdewolff/minify, with which pages were minified before, treats
// as block), as the minifier did, so that a page minifies to what it
// did before (compact_test.go), and never inside <pre>, <textarea>,
// <script>, <style>, <math> or <svg>. Space between inline elements and within text
// stays: it is visible.
package compacthtml
