package site

import (
	"bytes"
	"encoding/json"
)

// fileJSON marshals v for a .json file of the site (quiz data,
// cards.json). json.Marshal escapes <, > and & as \u003c and so on,
// which HTML inside a <script> needs (scriptJSON) but a file read with
// fetch and JSON.parse does not; in card HTML those escapes made the
// files about a third bigger.
func fileJSON(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only our own plain types are marshalled
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
