// Package buildcache is an on-disk, content-addressed store of byte
// strings that lets a program skip work it did in an earlier run. It
// knows keys and bytes, nothing of what they mean.
//
// A Store lives in one folder (the cache folder). Entries are keyed by a
// SHA-256 hash the caller makes of everything the bytes depend on, and
// sit under a subfolder named by the store's version, so that a
// different program (another build of gen) never reads entries written
// by this one. The folder holds a CACHEDIR.TAG, so that backup tools
// skip it.
//
// The store never makes a run fail or go wrong: an entry is written to a
// temporary file and renamed into place, so a killed run leaves no torn
// entry, and every entry carries a checksum, so an entry that is
// truncated, corrupt or unreadable is a miss (and is removed), never an
// error or wrong bytes. Finish ends a run: it forgets entries that none
// of the last few runs used, and the oldest ones past a size cap.
package buildcache
