package buildcache

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"time"
)

// The touch log records, at the end of each run, the modification time
// of every entry the run used or wrote, as the run left it. The next run
// takes an entry's time from it rather than asking the file system
// (Touch): a rebuild uses every entry of the site, and a stat for each
// of 16,000 entries was a tenth of a rebuild of 5,000 notes. It is a
// hint: an entry whose file has another time than the log says is at
// worst pruned early or refreshed late, a miss or a few bytes kept,
// never a wrong entry (Get checks every entry it reads).
const (
	touchFile  = "touched"
	touchMagic = "fdt1"
	touchLen   = len(Key{}) + 8 // a key, and a time in UnixNano
)

// readTouchLog reads the touch log at path; nil when it is missing or
// damaged.
func readTouchLog(path string) map[Key]time.Time {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < len(touchMagic) || string(b[:len(touchMagic)]) != touchMagic ||
		(len(b)-len(touchMagic))%touchLen != 0 {
		return nil
	}
	b = b[len(touchMagic):]
	m := make(map[Key]time.Time, len(b)/touchLen)
	for ; len(b) > 0; b = b[touchLen:] {
		var k Key
		copy(k[:], b)
		m[k] = time.Unix(0, int64(binary.LittleEndian.Uint64(b[len(k):])))
	}
	return m
}

// writeTouchLog records the times of the entries this run used.
func (s *Store) writeTouchLog() {
	s.mu.Lock()
	b := make([]byte, 0, len(touchMagic)+touchLen*len(s.touched))
	b = append(b, touchMagic...)
	for k, t := range s.touched {
		if t.IsZero() {
			continue // not known: the next run asks the file system
		}
		b = append(b, k[:]...)
		b = binary.LittleEndian.AppendUint64(b, uint64(t.UnixNano()))
	}
	s.mu.Unlock()
	writeAtomic(filepath.Join(s.vdir, touchFile), b)
}
