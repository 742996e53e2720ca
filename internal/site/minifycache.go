package site

import (
	"sync"
)

// minifyCache maps the hash of a file's unminified bytes to its minified
// bytes. Only the entries of the latest build are kept.
type minifyCache struct {
	mu        sync.Mutex
	prev, cur map[hash][]byte
}

func newMinifyCache() *minifyCache {
	return &minifyCache{prev: map[hash][]byte{}, cur: map[hash][]byte{}}
}

func (c *minifyCache) get(k hash) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.cur[k]; ok {
		return b, true
	}
	b, ok := c.prev[k]
	if ok {
		c.cur[k] = b
	}
	return b, ok
}

func (c *minifyCache) put(k hash, b []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.cur[k] = b
	c.mu.Unlock()
}

// rotate ends a build: entries not used in it are dropped.
func (c *minifyCache) rotate() {
	if c == nil {
		return
	}
	c.prev, c.cur = c.cur, map[hash][]byte{}
}
