package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = Run(t.Context(), "leaflet", nil, args, &o, &e)
	return o.String(), e.String(), err
}

func TestPrint(t *testing.T) {
	out, text := t.TempDir(), t.TempDir()
	stdout, _, err := run(t, "-out", out, "-text", text, "-lang", "fr,ar,fr")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(stdout, " pages "); n != 2 {
		t.Errorf("%d reports for -lang fr,ar,fr, want 2 (fr once):\n%s", n, stdout)
	}
	for _, f := range []string{filepath.Join(out, "fr.pdf"), filepath.Join(out, "ar.pdf"), filepath.Join(text, "ar.txt")} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(out, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if !strings.Contains(stdout, "fits as designed, reading text 10pt or more") {
		t.Errorf("report does not say the text fits at reading size:\n%s", stdout)
	}
}

// TestPrintShrunk makes the French catalogue's TalkBody much longer: the report lists every
// frame set smaller, with its sizes.
func TestPrintShrunk(t *testing.T) {
	cats := t.TempDir()
	long := strings.Repeat("Parlez avec votre enfant de sa vie en ligne, souvent et sans juger. ", 14)
	if err := os.WriteFile(filepath.Join(cats, "fr.toml"), []byte("TalkBody = \""+long+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := run(t, "-out", t.TempDir(), "-catalogues", cats, "-lang", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"frames set smaller to fit", "front/talk-body 11→", "front/intro 12.5→"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("report does not say %q:\n%s", want, stdout)
		}
	}
}

func TestEdition(t *testing.T) {
	dir := t.TempDir()
	ed := filepath.Join(dir, "ecpat-uk.toml")
	write := func(s string) {
		if err := os.WriteFile(ed, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("organisation = \"ECPAT UK\"\nemergency = \"999\"\nlocales = [\"en\"]\n")
	out := filepath.Join(dir, "out")
	stdout, _, err := run(t, "-edition", ed, "-out", out)
	if err != nil || !strings.HasPrefix(stdout, "en ") || strings.Count(stdout, " pages ") != 1 {
		t.Errorf("-edition with locales = [\"en\"]: %v\n%s", err, stdout)
	}

	write("organisation = \"ECPAT UK\"\nemergancy = \"999\"\n")
	_, _, err = run(t, "-edition", ed, "-out", out)
	if err == nil || !strings.Contains(err.Error(), "ecpat-uk.toml:2: emergancy: unknown key") {
		t.Errorf("an edition with an unknown key: %v", err)
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "fr.toml"), []byte("HelpContact = \"Contactez {{.Organization}}.\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.toml"), []byte("x = \"y\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := run(t, "-check", "-catalogues", dir, "-lang", "fr,de")
	if err == nil {
		t.Fatalf("-check with a misspelt placeholder: no error\n%s", stdout)
	}
	if !strings.Contains(stdout, "fr.toml:1: fr: HelpContact:") || !strings.Contains(stdout, "2 locales: 1 errors,") {
		t.Errorf("-check output:\n%s", stdout)
	}
	if !strings.Contains(stderr, "notes.toml") {
		t.Errorf("the file named notes.toml is not reported: %q", stderr)
	}
	if strings.Contains(stdout+stderr, "<no value>") {
		t.Error("<no value> printed")
	}
}

func TestArguments(t *testing.T) {
	if _, _, err := run(t, "fr"); err == nil || !strings.Contains(err.Error(), "-lang") {
		t.Errorf("a positional argument: %v, want an error pointing to -lang", err)
	}
	if _, _, err := run(t, "-catalogues", "/no/such/folder"); err == nil {
		t.Error("-catalogues with a missing folder: no error")
	}
}
