package buildcache

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
)

// Executable returns a version naming the running binary: the hash of
// its file. Any change to the program, even a rebuild of the same
// source with other flags, gives another version, so entries are never
// read by a program that could make other bytes from the same inputs.
func Executable() (string, error) {
	p, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}
