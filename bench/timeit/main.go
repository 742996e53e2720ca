// Command timeit runs a command and reports its wall time, its CPU time
// (user + system) and the peak resident set size of the child (rusage
// Maxrss). bench/run.sh uses it when GNU /usr/bin/time is not installed.
//
//	timeit [-o FILE] command args...
//
// It prints "wall_seconds maxrss_kib cpu_seconds" (e.g. "1.234 56789
// 2.345") to FILE, or to stderr without -o, and exits with the command's
// status.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "write the result to this file instead of stderr")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: timeit [-o FILE] command args...")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "timeit:", err)
		os.Exit(127)
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = int64(ru.Maxrss) // KiB on Linux
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	line := fmt.Sprintf("%.3f %d %.3f\n", wall.Seconds(), rss, cpu.Seconds())
	if *out != "" {
		if err := os.WriteFile(*out, []byte(line), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "timeit:", err)
			os.Exit(127)
		}
	} else {
		fmt.Fprint(os.Stderr, line)
	}
	os.Exit(code)
}
