package sfnt

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

func TestBuildThenTables(t *testing.T) {
	in := []Table{
		{Tag: "post", Data: bytes.Repeat([]byte{1}, 32)},
		{Tag: "OS/2", Data: []byte{1, 2, 3}}, // not a multiple of four
		{Tag: "cmap", Data: []byte{}},
		{Tag: "glyf", Data: []byte{0, 0, 0, 1, 0, 0, 0, 2}},
	}
	file := Build([]byte{0, 1, 0, 0}, append([]Table(nil), in...))
	if got := binary.BigEndian.Uint32(file); got != 0x00010000 {
		t.Errorf("version %#x, want 0x00010000", got)
	}
	// numTables 4: searchRange 64, entrySelector 2, rangeShift 0.
	if got := file[4:12]; !bytes.Equal(got, []byte{0, 4, 0, 64, 0, 2, 0, 0}) {
		t.Errorf("directory header % x", got)
	}
	tables, err := Tables(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range in {
		if got := tables[want.Tag]; !bytes.Equal(got, want.Data) {
			t.Errorf("%s: % x, want % x", want.Tag, got, want.Data)
		}
	}
	var prev string
	for i := range 4 {
		rec := file[12+16*i:]
		tag, off := string(rec[:4]), binary.BigEndian.Uint32(rec[8:])
		if tag <= prev {
			t.Errorf("table %q after %q: not in the order of tags", tag, prev)
		}
		if off%4 != 0 {
			t.Errorf("%s at offset %d, not a multiple of four", tag, off)
		}
		if tag == "glyf" && binary.BigEndian.Uint32(rec[4:]) != 3 {
			t.Errorf("glyf checksum %d, want 3", binary.BigEndian.Uint32(rec[4:]))
		}
		prev = tag
	}
}

func TestTablesRefusesBrokenFiles(t *testing.T) {
	good := Build([]byte{0, 1, 0, 0}, []Table{{Tag: "head", Data: make([]byte, 54)}})
	outOfBounds := bytes.Clone(good)
	binary.BigEndian.PutUint32(outOfBounds[12+12:], 1000) // head's length
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "no table directory"},
		{"directory cut short", good[:20], "truncated table directory"},
		{"table past the end", outOfBounds, `table "head" out of bounds`},
	} {
		if _, err := Tables(tc.data); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

func TestPostWithoutNames(t *testing.T) {
	post := append([]byte{0, 2, 0, 0}, bytes.Repeat([]byte{7}, 40)...) // version 2, with names
	got := PostWithoutNames(post)
	if len(got) != 32 || !bytes.Equal(got[:4], []byte{0, 3, 0, 0}) || !bytes.Equal(got[4:], post[4:32]) {
		t.Errorf("% x: want version 3 and the 28 bytes of the header after the version", got)
	}
}
