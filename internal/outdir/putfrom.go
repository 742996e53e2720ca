package outdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
)

// PutFrom stages the file name, of size bytes, from copyTo, which writes
// them to the writer it is given: a page the build cache holds goes to
// its file a piece at a time, never whole in memory (a fresh output
// folder takes 140 MB of pages from the cache at 5,000 notes).
//
// It does so only where nothing needs the bytes in memory: the Writer
// swaps the folder, and nothing is at name's place (there is no old file
// to compare them with, so they are written in any case). Else, or when
// copyTo fails or writes other than size bytes (a damaged cache entry),
// it reports false, having staged nothing, and the caller Puts the
// bytes. A failure to write is returned, as Put returns it, and so is
// the error of an earlier Put. Like Put, it may be called from many
// goroutines.
func (w *Writer) PutFrom(name string, size int, copyTo func(io.Writer) error) (bool, error) {
	if err := w.check(name); err != nil {
		return false, err
	}
	if w.swap == nil {
		return false, nil
	}
	target := filepath.Join(w.dir, filepath.FromSlash(name))
	if _, err := w.fsys.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	done, err := w.swap.putFrom(name, size, copyTo)
	if err != nil {
		return false, w.fail(err)
	}
	if done {
		w.staged(name, false)
	}
	return done, nil
}

// putFrom writes the file name of the new site into the staging folder
// from copyTo; see PutFrom. What a failing copyTo wrote is removed.
func (s *swapper) putFrom(name string, size int, copyTo func(io.Writer) error) (bool, error) {
	target := filepath.Join(s.stage, filepath.FromSlash(name))
	if err := s.mkdirs(filepath.Dir(target)); err != nil {
		return false, err
	}
	var srcErr error // copyTo's own failure, not the file's
	err := s.fsys.WriteNewFrom(target, func(f io.Writer) error {
		cw := &countWriter{w: f}
		err := copyTo(cw)
		switch {
		case cw.err != nil:
			return cw.err
		case err != nil:
			srcErr = err
		case cw.n != int64(size):
			srcErr = fmt.Errorf("%d bytes given, %d expected", cw.n, size)
		}
		return srcErr
	})
	if srcErr != nil {
		if rerr := s.fsys.Remove(target); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			return false, fmt.Errorf("cannot remove %s: %w", target, rerr)
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot write %s: %w", filepath.Join(s.out, filepath.FromSlash(name)), err)
	}
	return true, nil
}

// countWriter counts the bytes written through it and keeps the first
// error of w, so that a failing copy can be told from a failing file.
type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	if err != nil && c.err == nil {
		c.err = err
	}
	return n, err
}
