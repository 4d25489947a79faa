package batch

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterrupt runs the printer in a child process, interrupts it while it prints (SIGINT, then
// SIGTERM) and expects it to stop with an error and leave no temporary file (issue 10).
func TestInterrupt(t *testing.T) {
	if dir := os.Getenv("BATCH_TEST_OUT"); dir != "" { // the child
		os.Args = []string{"leaflet", "-out", dir}
		Main("leaflet", nil)
		return
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			cmd := exec.Command(os.Args[0], "-test.run=^TestInterrupt$")
			cmd.Env = append(os.Environ(), "BATCH_TEST_OUT="+dir)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
				if _, err := os.Stat(dir); err == nil { // printing has started
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the printer did not start")
				}
			}
			time.Sleep(100 * time.Millisecond)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if err == nil {
				t.Skipf("the printer finished before %v arrived", sig)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("%v: %v; stderr %q, want it to say it was interrupted", sig, err, stderr.String())
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}

// TestCancelled: a cancelled run prints nothing and says so.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	dir := t.TempDir()
	var o, e bytes.Buffer
	if err := Run(ctx, "leaflet", nil, []string{"-out", dir, "-lang", "fr,ar"}, &o, &e); err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("Run with a cancelled context: %v, want an error saying it was interrupted", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) > 0 {
		t.Errorf("files written: %v", left)
	}
	if err := Run(ctx, "leaflet", nil, []string{"-check", "-lang", "fr"}, &o, &e); err == nil {
		t.Error("-check with a cancelled context: no error")
	}
}
