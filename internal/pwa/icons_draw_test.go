package pwa

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The app icons are drawn here, so every size comes from one design: two
// overlapping cards, the front one showing two lines of text, on the
// accent colour. Drawing them took 0.15 s of CPU, the most of a small
// build, so the build ships the PNG files in icons/ that this test
// draws:
//
//	go test ./internal/pwa -run TestAppIcons -update-icons

var updateIcons = flag.Bool("update-icons", false, "redraw the PNG files in icons/")

// iconSpecs are the files of icons/ and how each is drawn.
var iconSpecs = []struct {
	name     string
	size     int
	maskable bool
}{
	{"icon-192.png", 192, false},
	{"icon-512.png", 512, false},
	{"maskable-512.png", 512, true},
	{"apple-touch-icon.png", 180, true},
}

// TestAppIcons checks that the shipped icons are what the drawing below
// gives, pixel for pixel (not byte for byte: another Go version may
// compress the same pixels differently).
func TestAppIcons(t *testing.T) {
	shipped := appIcons()
	if len(shipped) != len(iconSpecs) {
		t.Errorf("icons/ holds %d icons, want %d", len(shipped), len(iconSpecs))
	}
	for _, s := range iconSpecs {
		drawn := icon(s.size, s.maskable)
		if *updateIcons {
			if err := os.WriteFile(filepath.Join("..", "..", "icons", s.name), drawn, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := png.Decode(bytes.NewReader(shipped["icons/"+s.name]))
		if err != nil {
			t.Errorf("icons/%s: %v", s.name, err)
			continue
		}
		want, _ := png.Decode(bytes.NewReader(drawn))
		if !samePixels(got, want) {
			t.Errorf("icons/%s is not what icon(%d, %v) draws; run go test ./internal/pwa -run TestAppIcons -update-icons",
				s.name, s.size, s.maskable)
		}
	}
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(a.At(x, y)) != color.RGBAModel.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

var (
	iconBackground = color.RGBA{0x2f, 0x5d, 0xa8, 0xff} // accent blue
	iconBack       = color.RGBA{0xc9, 0xd8, 0xf2, 0xff}
	iconFront      = color.RGBA{0xff, 0xff, 0xff, 0xff}
	iconMark       = color.RGBA{0x2f, 0x5d, 0xa8, 0xff}
)

// icon draws a size×size PNG. A maskable icon keeps its drawing inside
// the central 80% safe zone and fills the whole square, since the
// platform crops it to its own shape.
func icon(size int, maskable bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	radius := s * 0.18
	if maskable {
		radius = 0
	}
	fillRoundRect(img, 0, 0, s, s, radius, iconBackground)
	scale := 1.0
	if maskable {
		scale = 0.8
	}
	at := func(v float64) float64 { return s/2 + (v-0.5)*s*scale }
	// The card behind, shifted up and right.
	fillRoundRect(img, at(0.30), at(0.18), at(0.82), at(0.66), s*scale*0.06, iconBack)
	// The card in front.
	fillRoundRect(img, at(0.18), at(0.32), at(0.70), at(0.82), s*scale*0.06, iconFront)
	// Two text lines on the front card.
	fillRoundRect(img, at(0.27), at(0.45), at(0.61), at(0.52), s*scale*0.03, iconMark)
	fillRoundRect(img, at(0.27), at(0.60), at(0.52), at(0.67), s*scale*0.03, iconMark)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return buf.Bytes()
}

// fillRoundRect fills the rectangle (x0,y0)-(x1,y1) with rounded corners,
// anti-aliased by coverage sampling at 4×4 points per pixel.
func fillRoundRect(img *image.RGBA, x0, y0, x1, y1, r float64, c color.RGBA) {
	inside := func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
	b := img.Bounds()
	for py := int(math.Max(0, math.Floor(y0))); py < int(math.Min(float64(b.Dy()), math.Ceil(y1))); py++ {
		for px := int(math.Max(0, math.Floor(x0))); px < int(math.Min(float64(b.Dx()), math.Ceil(x1))); px++ {
			// A pixel whose four corners are in the (convex) shape is wholly
			// in it and needs no sampling; only edge pixels are sampled.
			x, y := float64(px), float64(py)
			full := inside(x, y) && inside(x+1, y) && inside(x, y+1) && inside(x+1, y+1)
			n := 0
			if full {
				n = 16
			}
			for sy := 0; !full && sy < 4; sy++ {
				for sx := 0; sx < 4; sx++ {
					if inside(float64(px)+(float64(sx)+0.5)/4, float64(py)+(float64(sy)+0.5)/4) {
						n++
					}
				}
			}
			if n == 0 {
				continue
			}
			a := float64(n) / 16
			old := img.RGBAAt(px, py)
			blend := func(o, v uint8) uint8 { return uint8(math.Round(float64(o)*(1-a) + float64(v)*a)) }
			img.SetRGBA(px, py, color.RGBA{blend(old.R, c.R), blend(old.G, c.G), blend(old.B, c.B),
				uint8(math.Round(float64(old.A)*(1-a) + 255*a))})
		}
	}
}
