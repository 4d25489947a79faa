package leaflet

import (
	"math/rand/v2"
	"testing"
)

// TestMayHoldAddress: the quick test that spares most paragraphs the address regexp never
// says no to text the regexp finds an address in.
func TestMayHoldAddress(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Call 116 000 or write to info@ecpat.be.", true},
		{"See WWW.ECPAT.ORG or Www.childline.org.uk", true},
		{"https://www.ecpat.org/", true},
		{"ftp://example.org", true},
		{"Talk with your child every day.", false},
		{"wwwhat. ww.w.", false},
		{"", false},
	} {
		if got := mayHoldAddress(tc.text); got != tc.want {
			t.Errorf("mayHoldAddress(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	// Random text of the characters addresses are made of: whenever the regexp finds one,
	// the quick test says yes.
	rng := rand.New(rand.NewPCG(1, 2))
	const chars = "wW.@:/htpsa1 -é"
	for range 100000 {
		b := make([]byte, 0, 16)
		for range 1 + rng.IntN(15) {
			b = append(b, chars[rng.IntN(len(chars))])
		}
		if s := string(b); address.MatchString(s) && !mayHoldAddress(s) {
			t.Fatalf("%q holds an address, but mayHoldAddress says no", s)
		}
	}
}
