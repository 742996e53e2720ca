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
	if len(raw) < headerLen || string(raw[:4]) != magic {
		return nil, false
	}
	n := binary.LittleEndian.Uint64(raw[4:])
	data := raw[headerLen:]
	if uint64(len(data)) != n || crc32.Checksum(data, castagnoli) != binary.LittleEndian.Uint32(raw[12:]) {
		return nil, false
	}
	return data, true
}
