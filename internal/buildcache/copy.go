package buildcache

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// copyBufSize is the piece CopyTo reads at a time: small enough to stay
// in the processor's cache between reading, checking and writing it.
const copyBufSize = 64 << 10

// ErrDamaged is CopyTo's error for an entry that is not whole and intact.
var ErrDamaged = errors.New("buildcache: damaged entry")

// CopyTo writes the bytes stored under k to w, a piece at a time through
// one small buffer, and returns how many it wrote. A page of the site
// goes from the cache to its file this way without being held whole:
// reading 100 MB of pages into fresh memory cost a rebuild into a fresh
// output folder more (page faults, checking bytes no longer in the
// processor's cache) than writing them did.
//
// As with Get, a missing, truncated, corrupt or unreadable entry fails
// (ErrDamaged for one that is there but not intact, which is removed),
// but only once part of it may have gone to w: the checksum is known at
// the end. The caller must then throw away what it was given. An error
// of w is returned as it is.
func (s *Store) CopyTo(k Key, w io.Writer) (int64, error) {
	p := s.path(k)
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return 0, fmt.Errorf("%s: not a regular file", p)
	}
	bp := s.copyBufs.Get().(*[]byte)
	defer s.copyBufs.Put(bp)
	buf := *bp
	head := buf[:headerLen]
	n, sum, ok := uint64(0), uint32(0), false
	if _, err := io.ReadFull(f, head); err == nil {
		n, sum, ok = readHeader(head)
	}
	if !ok || n != uint64(info.Size()-int64(headerLen)) {
		os.Remove(p)
		return 0, ErrDamaged
	}
	var crc uint32
	var done int64
	for done < int64(n) {
		m, err := f.Read(buf[:min(int64(len(buf)), int64(n)-done)])
		if m > 0 {
			crc = crc32.Update(crc, castagnoli, buf[:m])
			if _, werr := w.Write(buf[:m]); werr != nil {
				return done, werr
			}
			done += int64(m)
		}
		if err != nil && done < int64(n) {
			if err == io.EOF {
				err = ErrDamaged // shortened while read
				os.Remove(p)
			}
			return done, err
		}
	}
	if crc != sum {
		os.Remove(p)
		return done, ErrDamaged
	}
	s.touch(k, info.ModTime())
	return done, nil
}
