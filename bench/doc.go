// Package bench holds flipdeck's speed benchmarks (bench_test.go), the
// synthetic vault generator (bench/vaultgen), the "floor" program that
// measures the least possible work with the same libraries (bench/floor),
// the converter that makes a Hugo site of the same notes (bench/hugosite),
// and bench/run.sh, which compares gen with the floor and with Hugo on
// vaults of 100, 1000 and 5000 notes. See README.md.
package bench
