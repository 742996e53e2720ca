// Command cmd (build it as hostile) writes one of the pathological vaults
// of bench/hostile:
//
//	go run ./bench/hostile/cmd -list
//	go run ./bench/hostile/cmd -case embed-bomb -out /tmp/vault
//
// -out must not exist or be empty.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/flipdeck/flipdeck/bench/hostile"
)

func main() {
	list := flag.Bool("list", false, "print the cases, one a line: name, issue item, what it holds")
	name := flag.String("case", "", "the case to write")
	out := flag.String("out", "", "folder to write the vault to (must not exist or be empty)")
	flag.Parse()
	if *list {
		for _, c := range hostile.Cases {
			fmt.Printf("%s\t%s\t%s\n", c.Name, c.Item, c.What)
		}
		return
	}
	c, ok := hostile.Find(*name)
	if !ok || *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: hostile -list | hostile -case NAME -out DIR")
		os.Exit(2)
	}
	size, err := hostile.Write(*out, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
	fmt.Printf("hostile: %s, %.1f MB in %s\n", c.Name, float64(size)/1e6, *out)
}
