package pdftext

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	got := Words("«Bonjour»,\u200f le\u00a0monde !\nKinder-\n garten")
	if want := []string{"Bonjour", "le", "monde", "Kinder-garten"}; !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
	want, back := []string{"a", "b", "c", "a"}, []string{"b", "a", "c", "x"}
	if n := InOrder(want, back); n != 2 {
		t.Errorf("InOrder = %d, want 2", n)
	}
	if m := Missing(want, back); len(m) != 2 {
		t.Errorf("Missing = %q, want two words", m)
	}
	if l := Lost(want, back); !slices.Equal(l, []string{"a"}) {
		t.Errorf("Lost = %q, want [a]", l)
	}
}
