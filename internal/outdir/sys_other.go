//go:build !linux

package outdir

import (
	"errors"
	"io/fs"
)

// canSwap: this system has no call that swaps two folders in one step,
// so the output is always replaced file by file.
const canSwap = false

func exchange(a, b string) error            { return errors.ErrUnsupported }
func renameNoReplace(a, b string) error     { return errors.ErrUnsupported }
func lockFolder(dir string) (func(), error) { return func() {}, nil }
func ownedByMe(info fs.FileInfo) bool       { return true }
func mountPoint(dir string) bool            { return false }
