//go:build !linux

package site

import (
	"os"

	"github.com/flipdeck/flipdeck/internal/vault"
)

// readFile returns the bytes of vault file f. readfile_linux.go reads
// without os.File's poller set-up; elsewhere os.ReadFile does.
func readFile(f *vault.File) ([]byte, error) {
	return os.ReadFile(f.Abs)
}
