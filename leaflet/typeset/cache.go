package typeset

import (
	"hash/maphash"
	"sync"

	"github.com/ecpat/makeitsafe/leaflet/fontset"
	"github.com/go-text/typesetting/language"
)

// Cache keeps the paragraphs that the Typesetters it makes shape, for all of them: a text set
// again in the same language and direction, in the same weight, is not shaped again, whichever
// Typesetter set it first. A service that prints on request renders the same messages in the
// same languages again and again; shaping is most of what setting them costs, and its result
// does not depend on the size or the width they are set at.
//
// A paragraph is kept the second time it is shaped, not the first: text that is set once, as a
// batch sets each locale once, costs the cache no memory but a note that it was seen.
//
// A Cache serves one font set and is safe for concurrent use: what it keeps is never changed
// once shaped. It holds paragraphs of at most limit runes in all; past that, it forgets them
// all and starts again. So does its note of the paragraphs seen once.
type Cache struct {
	set   *fontset.Set
	limit int
	seed  maphash.Seed

	mu        sync.Mutex
	paras     map[cacheKey]*shaped
	runes     int             // in paras
	seen      map[uint64]bool // hashes of the keys of paragraphs shaped once and not kept
	seenRunes int             // in the paragraphs seen
}

// cacheKey is what a shaped paragraph depends on, besides the fonts.
type cacheKey struct {
	lang language.Language
	rtl  bool
	shapeKey
}

// NewCache returns an empty cache for text set in the fonts of set, that holds paragraphs of at
// most limit runes in all.
func NewCache(set *fontset.Set, limit int) *Cache {
	return &Cache{set: set, limit: limit, seed: maphash.MakeSeed(), paras: map[cacheKey]*shaped{}, seen: map[uint64]bool{}}
}

// New returns a Typesetter, as New does, for text in language lang set in the cache's fonts,
// that shares through the cache the paragraphs it shapes.
func (c *Cache) New(lang string, rtl bool) *Typesetter {
	t := New(c.set.NewFaces(), lang, rtl)
	t.sh.shared = c
	return t
}

// get returns the paragraph shaped for k, or nil.
func (c *Cache) get(k cacheKey) *shaped {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.paras[k]
}

// put keeps a paragraph shaped for k if it was shaped before, else notes that it was, unless it
// is longer than the cache holds.
func (c *Cache) put(k cacheKey, sp *shaped) {
	n := len(sp.text)
	if n > c.limit {
		return
	}
	h := maphash.Comparable(c.seed, k)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.paras[k]; ok {
		return
	}
	if !c.seen[h] {
		if c.seenRunes+n > c.limit {
			clear(c.seen)
			c.seenRunes = 0
		}
		c.seen[h] = true
		c.seenRunes += n
		return
	}
	if c.runes+n > c.limit {
		clear(c.paras)
		c.runes = 0
	}
	c.paras[k] = sp
	c.runes += n
}

// sharedShape returns the paragraph the Typesetter's cache holds for key, or nil.
func (t *Typesetter) sharedShape(key shapeKey) *shaped {
	if t.sh.shared == nil {
		return nil
	}
	return t.sh.shared.get(cacheKey{t.lang, t.rtl, key})
}

// share keeps a paragraph the Typesetter shaped in its cache, if it has one.
func (t *Typesetter) share(key shapeKey, sp *shaped) {
	if t.sh.shared != nil {
		t.sh.shared.put(cacheKey{t.lang, t.rtl, key}, sp)
	}
}
