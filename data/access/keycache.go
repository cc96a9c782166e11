package access

import (
	"sync"
	"time"
)

// keyNotifyChannel is where the database announces a change to api_keys
// (migration 0025's trigger): a revocation, a role change, a deletion.
const keyNotifyChannel = "gasrisk_api_keys"

// keyCacheAge bounds how long a cached key is trusted even while the
// listener is connected.
const keyCacheAge = time.Minute

// keyCache keeps the live keys a server has authenticated, by the hash of
// their secret, so that a permit check does not read api_keys every time
// (one round trip of a check's three). It is trusted only while a
// listener (Service.Listen) is connected to keyNotifyChannel: any change
// to api_keys empties it, and so does losing the listener. Unknown and
// revoked keys are never cached.
type keyCache struct {
	mu   sync.Mutex
	live bool   // a listener is connected: entries are trusted
	gen  uint64 // incremented by every flush
	keys map[[32]byte]cachedKey
}

type cachedKey struct {
	key Key
	at  time.Time
}

func newKeyCache() *keyCache { return &keyCache{keys: map[[32]byte]cachedKey{}} }

// get returns the cached key for hash h and the generation to pass to
// put after reading the key from the database.
func (c *keyCache) get(h [32]byte, now time.Time) (Key, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.keys[h]
	if !c.live || !ok || now.Sub(e.at) > keyCacheAge {
		return Key{}, false, c.gen
	}
	return e.key, true, c.gen
}

// put caches k, read from the database at generation gen, unless the
// cache was flushed since (a change may have crossed the read) or is not
// trusted.
func (c *keyCache) put(h [32]byte, k Key, gen uint64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.live && c.gen == gen {
		c.keys[h] = cachedKey{key: k, at: now}
	}
}

// flush empties the cache and sets whether it is trusted from now on.
func (c *keyCache) flush(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.live = live
	clear(c.keys)
}

// forget empties the cache, trusted as it was.
func (c *keyCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.keys)
}

// listening reports whether the cache is trusted.
func (c *keyCache) listening() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.live
}
