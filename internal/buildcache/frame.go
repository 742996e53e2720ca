package buildcache

import (
	"encoding/binary"
	"hash/crc32"
)

// An entry on disk is a frame: magic, payload length, CRC-32C of the
// payload, payload. The checksum is there to find torn or damaged
// entries (a disk or a copy gone wrong), not forgery: whoever can write
// the cache folder can change the build anyway.
const (
	magic     = "fdc1"
	headerLen = len(magic) + 8 + 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func frame(data []byte) []byte {
	out := make([]byte, headerLen, headerLen+len(data))
	copy(out, magic)
	binary.LittleEndian.PutUint64(out[4:], uint64(len(data)))
	binary.LittleEndian.PutUint32(out[12:], crc32.Checksum(data, castagnoli))
	return append(out, data...)
}

// unframe returns the payload of raw, ok false when raw is not a whole,
// intact frame.
func unframe(raw []byte) ([]byte, bool) {
	n, sum, ok := readHeader(raw)
	data := raw[min(headerLen, len(raw)):]
	if !ok || uint64(len(data)) != n || crc32.Checksum(data, castagnoli) != sum {
		return nil, false
	}
	return data, true
}

// readHeader returns the payload length and checksum a frame's header
// (its first headerLen bytes) gives, ok false when it is not one.
func readHeader(raw []byte) (n uint64, sum uint32, ok bool) {
	if len(raw) < headerLen || string(raw[:4]) != magic {
		return 0, 0, false
	}
	return binary.LittleEndian.Uint64(raw[4:]), binary.LittleEndian.Uint32(raw[12:]), true
}
