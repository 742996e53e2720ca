package outdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
)

// ManifestName is the file in the output folder listing every file gen
// wrote there. gen only ever deletes files named in it, and refuses to
// write into a non-empty folder that has none.
const ManifestName = ".flipdeck-manifest.json"

type manifest struct {
	Generator string   `json:"generator"`
	Files     []string `json:"files"`
}

func manifestBytes(files []string) []byte {
	if files == nil {
		files = []string{}
	}
	data, _ := json.MarshalIndent(manifest{Generator: "flipdeck", Files: files}, "", " ")
	return append(data, '\n')
}

// readManifest returns the manifest of a previous build. A missing or
// empty folder has an empty one; a non-empty folder without one is
// refused, since its files are not ours to replace.
func readManifest(fsys outFS, dir string) (manifest, error) {
	var m manifest
	data, err := fsys.ReadFile(filepath.Join(dir, ManifestName))
	if err == nil {
		if err := json.Unmarshal(data, &m); err != nil {
			return m, fmt.Errorf("%s: %s is damaged (%v); delete the output folder and build again", dir, ManifestName, err)
		}
		return m, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return m, fmt.Errorf("-out %s: cannot read %s: %w", dir, ManifestName, err)
	}
	entries, derr := fsys.ReadDir(dir)
	if derr != nil && !errors.Is(derr, fs.ErrNotExist) {
		return m, fmt.Errorf("-out %s: %w", dir, derr)
	}
	if len(entries) == 0 {
		return m, nil
	}
	return m, fmt.Errorf("-out %s is not empty and was not written by gen (no %s); choose an empty or new folder", dir, ManifestName)
}

// safeRel reports whether a manifest entry is a plain relative path that
// stays inside the output folder (a tampered manifest must not make gen
// delete anything else).
func safeRel(p string) bool {
	if p == "" || strings.ContainsRune(p, 0) || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return false
	}
	c := filepath.Clean(filepath.FromSlash(p))
	return !filepath.IsAbs(c) && c != "." && c != ".." && !strings.HasPrefix(c, ".."+string(filepath.Separator)) &&
		filepath.VolumeName(c) == ""
}
