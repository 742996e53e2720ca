// Command cmd (build it as vaultgen) writes a deterministic synthetic
// Obsidian vault for the benchmarks:
//
//	go run ./bench/vaultgen/cmd -notes 1000 -cards 10 -seed 1 -out /tmp/vault
//
// The same flags always give a byte-identical vault. -out must not exist
// or be empty.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/flipdeck/flipdeck/bench/vaultgen"
)

func main() {
	notes := flag.Int("notes", 100, "number of notes")
	cards := flag.Int("cards", 10, "cards per note")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same vault")
	images := flag.Int("images", 0, "number of shared PNG attachments (0: 36)")
	out := flag.String("out", "", "folder to write the vault to (must not exist or be empty)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: vaultgen -out DIR [-notes N] [-cards M] [-seed S] [-images K]")
		os.Exit(2)
	}
	v := vaultgen.Generate(vaultgen.Config{Notes: *notes, Cards: *cards, Seed: *seed, Images: *images})
	if err := vaultgen.Write(*out, v); err != nil {
		fmt.Fprintln(os.Stderr, "vaultgen:", err)
		os.Exit(1)
	}
	fmt.Printf("vaultgen: %d notes × %d cards, %d attachments, %.1f MB in %s\n",
		len(v.Notes), *cards, len(v.Attachments), float64(v.Size())/1e6, *out)
}
