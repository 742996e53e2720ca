// Command diagrams renders the hand-written SVG diagrams in this folder to
// the PNG attachments of the sample vault.
//
// Usage, from the repository root:
//
//	go run ./bench/diagrams
//
// Each bench/diagrams/NAME.svg becomes content/attachments/NAME.png at the
// size given by the SVG's width and height attributes. Headless Chromium does
// the rasterising; this program then reduces the screenshot to a 256-colour
// palette (no dithering) and writes it with the best zlib compression, so the
// files stay small (the diagrams are flat colours plus anti-aliased text).
// Only the standard library is used.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var sizeRE = regexp.MustCompile(`<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"`)

func main() {
	src := flag.String("src", "bench/diagrams", "folder holding the SVG sources")
	out := flag.String("out", "content/attachments", "folder for the PNG files")
	browser := flag.String("chromium", "chromium", "headless Chromium binary")
	colors := flag.Int("colors", 256, "palette size (2..256)")
	flag.Parse()

	svgs, err := filepath.Glob(filepath.Join(*src, "*.svg"))
	if err != nil {
		log.Fatal(err)
	}
	if len(svgs) == 0 {
		log.Fatalf("no SVG files in %s", *src)
	}
	sort.Strings(svgs)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "diagrams")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)

	for _, svg := range svgs {
		name := strings.TrimSuffix(filepath.Base(svg), ".svg")
		data, err := os.ReadFile(svg)
		if err != nil {
			log.Fatal(err)
		}
		m := sizeRE.FindSubmatch(data)
		if m == nil {
			log.Fatalf("%s: <svg> needs numeric width and height attributes", svg)
		}
		abs, err := filepath.Abs(svg)
		if err != nil {
			log.Fatal(err)
		}
		shot := filepath.Join(tmp, name+".png")
		cmd := exec.Command(*browser, "--headless", "--no-sandbox", "--disable-gpu",
			"--hide-scrollbars", "--default-background-color=ffffffff",
			"--screenshot="+shot, fmt.Sprintf("--window-size=%s,%s", m[1], m[2]),
			"file://"+filepath.ToSlash(abs))
		if msg, err := cmd.CombinedOutput(); err != nil {
			log.Fatalf("%s: chromium: %v\n%s", svg, err, msg)
		}
		f, err := os.Open(shot)
		if err != nil {
			log.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			log.Fatalf("%s: %v", shot, err)
		}
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, quantize(img, *colors)); err != nil {
			log.Fatal(err)
		}
		dst := filepath.Join(*out, name+".png")
		if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		b := img.Bounds()
		fmt.Printf("%s  %dx%d  %d bytes\n", dst, b.Dx(), b.Dy(), buf.Len())
	}
}

type rgb struct{ r, g, b uint8 }

func dist(a, b rgb) int {
	dr, dg, db := int(a.r)-int(b.r), int(a.g)-int(b.g), int(a.b)-int(b.b)
	return dr*dr + dg*dg + db*db
}

// quantize maps img onto a palette of at most n colours: the most frequent
// colours first, skipping any too close to one already taken, and every pixel
// becomes its nearest palette colour. Deterministic: ties break on the colour.
func quantize(img image.Image, n int) *image.Paletted {
	if n < 2 || n > 256 {
		n = 256
	}
	b := img.Bounds()
	count := map[rgb]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			count[rgb{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}]++
		}
	}
	all := make([]rgb, 0, len(count))
	for c := range count {
		all = append(all, c)
	}
	sort.Slice(all, func(i, j int) bool {
		ci, cj := count[all[i]], count[all[j]]
		if ci != cj {
			return ci > cj
		}
		a, c := all[i], all[j]
		return a.r < c.r || a.r == c.r && (a.g < c.g || a.g == c.g && a.b < c.b)
	})
	var pal []rgb
	for minD := 48; len(pal) < n && minD >= 0; minD /= 2 {
		for _, c := range all {
			if len(pal) == n {
				break
			}
			ok := true
			for _, p := range pal {
				if d := dist(c, p); d == 0 || d < minD {
					ok = false
					break
				}
			}
			if ok {
				pal = append(pal, c)
			}
		}
		if minD == 0 {
			break
		}
	}
	p := make(color.Palette, len(pal))
	for i, c := range pal {
		p[i] = color.RGBA{c.r, c.g, c.b, 255}
	}
	index := map[rgb]uint8{}
	for _, c := range all {
		best, bd := 0, 1<<30
		for i, q := range pal {
			if d := dist(c, q); d < bd {
				best, bd = i, d
			}
		}
		index[c] = uint8(best)
	}
	out := image.NewPaletted(b, p)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			out.SetColorIndex(x, y, index[rgb{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8)}])
		}
	}
	return out
}
