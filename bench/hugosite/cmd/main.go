// Command cmd (build it as hugosite) turns a synthetic vault into a Hugo
// site folder for bench/run.sh:
//
//	go run ./bench/hugosite/cmd -src /tmp/vault -out /tmp/hugo-site
//	hugo --quiet --minify -s /tmp/hugo-site -d /tmp/hugo-out
//
// -out must not exist or be empty.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/flipdeck/flipdeck/bench/hugosite"
)

func main() {
	src := flag.String("src", "", "the vault (bench/vaultgen's output)")
	out := flag.String("out", "", "folder to write the Hugo site to (must not exist or be empty)")
	flag.Parse()
	if *src == "" || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: hugosite -src VAULT -out SITE")
		os.Exit(2)
	}
	sum, err := hugosite.Convert(*src, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hugosite:", err)
		os.Exit(1)
	}
	fmt.Printf("hugosite: %d notes, %d decks, %d attachments in %s\n", sum.Notes, sum.Decks, sum.Attachments, *out)
}
