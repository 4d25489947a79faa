package catalog_test

import (
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/ecpat/makeitsafe/leaflet/internal/catalog"
	"github.com/ecpat/makeitsafe/locales"
)

// The tests in this file hold for whatever locales/ holds: they never list its locales.

func loadEmbedded(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(locales.FS())
	if err != nil {
		t.Fatalf("Load(locales.FS()): %v", err)
	}
	return c
}

// embeddedFiles maps each catalogue of locales/ to its file name.
func embeddedFiles(t *testing.T) map[language.Tag]string {
	t.Helper()
	names, err := fs.Glob(locales.FS(), "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[language.Tag]string{}
	for _, name := range names {
		stem := strings.TrimSuffix(name, ".toml")
		stem = strings.TrimPrefix(strings.TrimPrefix(stem, "active."), "translate.")
		files[language.MustParse(stem)] = name
	}
	return files
}

// forms reads a catalogue as TOML, independently of the package: message ID → form → text.
func forms(t *testing.T, fsys fs.FS, name string) map[string]map[string]string {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]map[string]string{}
	for id, v := range raw {
		switch v := v.(type) {
		case string:
			out[id] = map[string]string{"other": v}
		case map[string]any:
			out[id] = map[string]string{}
			for k, s := range v {
				if k != "description" && k != "hash" {
					out[id][k] = s.(string)
				}
			}
		}
	}
	return out
}

func TestEmbeddedTags(t *testing.T) {
	c := loadEmbedded(t)
	files := embeddedFiles(t)
	tags := c.Tags()
	if len(tags) != len(files) {
		t.Errorf("Tags() = %v: %d locales, locales/ has %d catalogues", tags, len(tags), len(files))
	}
	if len(tags) == 0 || tags[0] != language.English {
		t.Fatalf("Tags() = %v, want English first", tags)
	}
	if !sort.SliceIsSorted(tags[1:], func(i, j int) bool { return tags[1+i].String() < tags[1+j].String() }) {
		t.Errorf("Tags() = %v: not sorted after English", tags)
	}
	for tag := range files {
		if !slices.Contains(tags, tag) {
			t.Errorf("Tags() = %v lacks %s", tags, tag)
		}
		if err := c.Err(tag); err != nil {
			t.Errorf("Err(%s) = %v", tag, err)
		}
	}
	if p := c.Problems(); len(p) != 0 {
		t.Errorf("Problems() = %v", p)
	}
	// Tags returns a copy.
	tags[0] = language.Zulu
	if c.Tags()[0] != language.English {
		t.Error("changing the slice Tags returned changed the catalogue")
	}
}

// TestEmbeddedCataloguesPassCheck is the guarantee that every shipped catalogue has every
// message of English, with its placeholders, only placeholders as template actions, every plural
// form its language needs, no explicit bidi controls, and no translation of an older English.
func TestEmbeddedCataloguesPassCheck(t *testing.T) {
	c := loadEmbedded(t)
	for _, tag := range c.Tags() {
		t.Run(tag.String(), func(t *testing.T) {
			for _, p := range c.Check(tag) {
				t.Error(p)
			}
		})
	}
}

// TestEmbeddedTextFillsEveryMessage prints every message of every locale, with every count for
// plural messages, and compares it with the catalogue's text filled in by hand.
func TestEmbeddedTextFillsEveryMessage(t *testing.T) {
	c := loadEmbedded(t)
	files := embeddedFiles(t)
	ids := slices.Sorted(func(yield func(string) bool) {
		for id := range forms(t, locales.FS(), files[language.English]) {
			if !yield(id) {
				return
			}
		}
	})
	if len(ids) == 0 {
		t.Fatal("the English catalogue has no messages")
	}
	for _, tag := range c.Tags() {
		t.Run(tag.String(), func(t *testing.T) {
			want := forms(t, locales.FS(), files[tag])
			m := c.Messages(tag, true)
			for _, id := range ids {
				if !c.Has(id) {
					t.Errorf("Has(%s) = false for a message of en.toml", id)
				}
				data := map[string]string{}
				for _, name := range c.Placeholders(id) {
					data[name] = "‹" + name + "›"
				}
				fill := func(s string, n int) string {
					for name, v := range data {
						s = strings.ReplaceAll(s, "{{."+name+"}}", v)
					}
					return strings.ReplaceAll(s, "{{.Count}}", strconv.Itoa(n))
				}
				var counts []*int
				if _, ok := data["Count"]; ok {
					delete(data, "Count")
					for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 11, 12, 21, 22, 25, 100, 101, 102, 111, 1000000} {
						counts = append(counts, &n)
					}
				} else {
					counts = []*int{nil}
				}
				for _, count := range counts {
					got, err := m.Text(id, data, count)
					if err != nil {
						t.Errorf("Text(%s): %v", id, err)
						continue
					}
					n := 0
					if count != nil {
						n = *count
					}
					var candidates []string
					for _, s := range want[id] {
						candidates = append(candidates, fill(s, n))
					}
					if !slices.Contains(candidates, got) {
						t.Errorf("Text(%s, count %d) = %q, want one of %q", id, n, got, candidates)
					}
					if strings.Contains(got, "{{") || strings.Contains(got, "<no value>") {
						t.Errorf("Text(%s) = %q: a placeholder is left", id, got)
					}
				}
			}
			if w := m.Warnings(); len(w) != 0 {
				t.Errorf("Warnings() = %v", w)
			}
		})
	}
}

func TestEmbeddedPlaceholders(t *testing.T) {
	c := loadEmbedded(t)
	tests := []struct {
		id   string
		want []string
	}{
		{"HelpWebsite", []string{"Website"}},
		{"HelpContact", []string{"Organisation"}},
		{"HelpLine", []string{"HelplineDescription", "HelplineName", "HelplineNumber"}},
		{"ChecklistCount", []string{"Count"}},
		{"Intro", nil},
		{"HelpHotline", nil}, // replaced by HelpLine
		{"NoSuchMessage", nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			if got := c.Placeholders(tt.id); !slices.Equal(got, tt.want) {
				t.Errorf("Placeholders(%s) = %q, want %q", tt.id, got, tt.want)
			}
		})
	}
}

// TestConcurrentUse prints from one catalogue in every locale at once; go test -race checks it.
func TestConcurrentUse(t *testing.T) {
	c := loadEmbedded(t)
	var wg sync.WaitGroup
	for _, tag := range c.Tags() {
		wg.Go(func() {
			m := c.Messages(tag, false)
			for n := range 30 {
				if _, err := m.Text("ChecklistCount", nil, &n); err != nil {
					t.Error(err)
				}
				_ = c.Check(tag)
			}
		})
	}
	wg.Wait()
}
