package batch

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts the CPU profile that -cpuprofile asks for. The function it returns
// stops it and writes the heap profile that -memprofile asks for (after a collection, so that
// it shows what is live at the end of the run; its allocation samples cover the whole run).
func startProfiles(f flags) (stop func() error, err error) {
	var cpu *os.File
	if f.cpuprofile != "" {
		if cpu, err = os.Create(f.cpuprofile); err != nil {
			return nil, fmt.Errorf("-cpuprofile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, fmt.Errorf("-cpuprofile: %w", err)
		}
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return fmt.Errorf("-cpuprofile: %w", err)
			}
		}
		if f.memprofile == "" {
			return nil
		}
		mem, err := os.Create(f.memprofile)
		if err != nil {
			return fmt.Errorf("-memprofile: %w", err)
		}
		runtime.GC()
		err = pprof.WriteHeapProfile(mem)
		if cerr := mem.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("-memprofile: %w", err)
		}
		return nil
	}, nil
}
