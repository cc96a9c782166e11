package tiles

import (
	"container/list"
	"sync"

	"gasrisk/geo"
)

// key identifies one cached tile: the layer's data version is part of it,
// so an entry of an older version is never served.
type key struct {
	layer   string
	version string
	tile    geo.Tile
	format  Format
	scale   int
}

// Tile is a rendered tile: its bytes, the gzipped bytes when they are
// smaller, and a strong ETag of the content.
type Tile struct {
	Data        []byte
	Gzip        []byte // nil when not worth it (PNG, tiny tiles)
	ETag        string // quoted; the gzip representation's is ETagGzip
	ETagGzip    string
	ContentType string
	Version     string // the layer's data version it was built from
}

// size is what the entry costs in the cache.
func (t *Tile) size() int64 { return int64(len(t.Data)+len(t.Gzip)+len(t.ETag)+len(t.ETagGzip)) + 200 }

type entry struct {
	key  key
	tile *Tile
}

// lru is a byte-bounded least-recently-used map of tiles.
type lru struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // front = most recently used
	items map[key]*list.Element
}

func newLRU(maxBytes int64) *lru {
	return &lru{max: maxBytes, order: list.New(), items: map[key]*list.Element{}}
}

func (c *lru) get(k key) (*Tile, bool) {
	if c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).tile, true
}

// add stores t unless it alone exceeds the bound, evicting the least
// recently used entries to make room.
func (c *lru) add(k key, t *Tile) {
	n := t.size()
	if c.max <= 0 || n > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.size -= el.Value.(*entry).tile.size()
		el.Value.(*entry).tile = t
		c.size += n
		c.order.MoveToFront(el)
	} else {
		c.items[k] = c.order.PushFront(&entry{key: k, tile: t})
		c.size += n
	}
	for c.size > c.max {
		c.removeElement(c.order.Back())
	}
}

// purge drops every entry of layer whose version is not keep.
func (c *lru) purge(layer, keep string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		if e := el.Value.(*entry); e.key.layer == layer && e.key.version != keep {
			c.removeElement(el)
			n++
		}
		el = next
	}
	return n
}

func (c *lru) removeElement(el *list.Element) {
	e := el.Value.(*entry)
	c.order.Remove(el)
	delete(c.items, e.key)
	c.size -= e.tile.size()
}

// stats returns the number of entries and their bytes.
func (c *lru) stats() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.size
}
