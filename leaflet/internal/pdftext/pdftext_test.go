package pdftext

import "testing"

func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"\u200f\u202bبچوں کی\u202c\u200f\r\n  آن لائن\u00ad": "بچوں کی آن لائن",
		"Make-IT-\nSafe (2011–\n2014)":                       "Make-IT-Safe (2011–2014)",
		"e\u0301té":                                          "été",
	} {
		if got := Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}
