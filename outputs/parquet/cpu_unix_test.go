//go:build unix

package parquet

import "syscall"

// cpuSeconds returns the user+system CPU time the process has used so far,
// for throughput figures that do not depend on how loaded the machine is.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
