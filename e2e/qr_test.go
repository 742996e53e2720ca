package e2e

// Tests of the QR code encoder (assets/js/qr.js): values the standard
// fixes, worked out by hand from ISO/IEC 18004, and codes of every size
// read back by a real decoder (zbarimg, Debian's zbar-tools).

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flipdeck/flipdeck/internal/browsertest"
)

// qrVectors runs in a page and returns the failures.
const qrVectors = `(async () => {
  const qr = await import(new URL(document.body.dataset.root + "assets/js/qr.js", location.href).href);
  const fails = [];
  const eq = (got, want, what) => { if (JSON.stringify(got) !== JSON.stringify(want)) fails.push(what + ": " + JSON.stringify(got) + ", want " + JSON.stringify(want)); };
  // Format information: BCH(15,5) of level bits (L 01, M 00) and mask,
  // XOR 101010000010010 (the standard's table C.1).
  const fmt = {
    L: ["111011111000100", "111001011110011", "111110110101010", "111100010011101", "110011000101111", "110001100011000", "110110001000001", "110100101110110"],
    M: ["101010000010010", "101000100100101", "101111001111100", "101101101001011", "100010111111001", "100000011001110", "100111110010111", "100101010100000"],
  };
  for (const l of ["L", "M"]) for (let m = 0; m < 8; m++) eq(qr.formatBits(l, m).toString(2).padStart(15, "0"), fmt[l][m], "format " + l + m);
  // Version information: BCH(18,6) (table D.1).
  eq(qr.versionBits(7).toString(2).padStart(18, "0"), "000111110010010100", "version 7");
  eq(qr.versionBits(40).toString(16), "28c69", "version 40");
  // Reed–Solomon: "HELLO WORLD" as version 1-M alphanumeric data and its ten EC codewords.
  eq(qr.rsRemainder([32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17], 10), [196, 35, 39, 119, 235, 215, 231, 226, 93, 23], "RS of HELLO WORLD 1-M");
  // Byte-mode capacities (table 7).
  eq([qr.capacity(1, "L"), qr.capacity(1, "M"), qr.capacity(10, "L"), qr.capacity(10, "M"), qr.capacity(40, "L"), qr.capacity(40, "M")], [17, 14, 271, 213, 2953, 2331], "capacities");
  // Alignment pattern centres (annex E).
  eq(qr.alignmentPositions(1), [], "alignment v1");
  eq(qr.alignmentPositions(2), [6, 18], "alignment v2");
  eq(qr.alignmentPositions(7), [6, 22, 38], "alignment v7");
  eq(qr.alignmentPositions(32), [6, 34, 60, 86, 112, 138], "alignment v32");
  eq(qr.alignmentPositions(40), [6, 30, 58, 86, 114, 142, 170], "alignment v40");
  // A version 1 symbol: finder, timing, dark module and format bits where the standard puts them.
  const c = qr.encode("flipdeck", { ecl: "M", mask: 5 });
  eq([c.version, c.size, c.ecl, c.mask], [1, 21, "M", 5], "version 1-M mask 5");
  const at = (x, y) => c.dark[y * c.size + x];
  eq([0, 1, 2, 3, 4, 5, 6, 7].map((i) => at(i, 0)).join(""), "11111110", "top-left finder, top row and separator");
  eq([8, 9, 10, 11, 12].map((i) => at(i, 6)).join(""), "10101", "horizontal timing");
  eq(at(8, c.size - 8), 1, "dark module");
  const f = qr.formatBits("M", 5);
  const bitsTL = [0, 1, 2, 3, 4, 5].map((y) => at(8, y)).concat([at(8, 7), at(8, 8), at(7, 8)], [5, 4, 3, 2, 1, 0].map((x) => at(x, 8)));
  eq(bitsTL.join(""), [...f.toString(2).padStart(15, "0")].reverse().join(""), "format bits beside the top-left finder (bit 0 first)");
  eq(qr.encode("x".repeat(2954)), null, "too long for version 40-L");
  eq(qr.chooseVersion(17), { version: 1, ecl: "L" }, "17 bytes");
  eq(qr.chooseVersion(14), { version: 1, ecl: "M" }, "14 bytes");
  return fails;
})()`

// qrPNG draws code i of window.__codes through toSVG into a PNG (base64).
const qrPNG = `(async (i) => {
  const qr = await import(new URL(document.body.dataset.root + "assets/js/qr.js", location.href).href);
  const { text, opts } = window.__codes[i];
  const c = qr.encode(text, opts);
  const svg = new XMLSerializer().serializeToString(qr.toSVG(c));
  const img = new Image();
  img.src = "data:image/svg+xml;base64," + btoa(svg);
  await img.decode();
  const scale = 3, n = (c.size + 8) * scale;
  const cv = document.createElement("canvas");
  cv.width = cv.height = n;
  const g = cv.getContext("2d");
  g.imageSmoothingEnabled = false;
  g.drawImage(img, 0, 0, n, n);
  return JSON.stringify({ version: c.version, ecl: c.ecl, mask: c.mask, png: cv.toDataURL("image/png").split(",")[1] });
})`

// TestQRVectors checks the encoder against values fixed by the standard.
func TestQRVectors(t *testing.T) {
	p := studyOpen(t, 800, 600, false, "")
	p.open("index.html", `document.body`)
	var fails []string
	if err := json.Unmarshal([]byte(p.str(`(async () => JSON.stringify(await `+qrVectors+`))()`)), &fails); err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		t.Error(f)
	}
	p.noErrors()
}

// TestQRDecodes draws codes of versions 1 to 40, levels L and M and all
// eight masks, and reads each back with zbarimg.
func TestQRDecodes(t *testing.T) {
	zbar, err := exec.LookPath("zbarimg")
	if err != nil {
		if os.Getenv(browsertest.RequireEnv) != "" {
			t.Fatal("zbarimg not found (apt-get install zbar-tools)")
		}
		t.Skip("zbarimg not found (apt-get install zbar-tools)")
	}
	type code struct {
		Text string         `json:"text"`
		Opts map[string]any `json:"opts"`
	}
	alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	text := func(n, seed int) string {
		var b strings.Builder
		x := uint32(seed*2654435761 + 1)
		for b.Len() < n {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			b.WriteByte(alphabet[x%64])
		}
		return b.String()
	}
	var codes []code
	// Every version at level M or L: the most bytes it holds.
	capM := []int{14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
		711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331}
	for v := 1; v <= 40; v++ {
		ecl := "M"
		if v%3 == 0 {
			ecl = "L"
		}
		n := capM[v-1]
		if ecl == "L" {
			n = capM[v-1] + 3 // more than M holds
		}
		s := text(n, v)
		if n > 100 { // a link, as "Send my progress" makes
			s = "https://example.org/flip/index.html#progress=" + text(n-45, v)
		}
		codes = append(codes, code{Text: s, Opts: map[string]any{"ecl": ecl, "version": v}})
	}
	for m := 0; m < 8; m++ {
		codes = append(codes, code{Text: text(40+m, 100+m), Opts: map[string]any{"mask": m}})
	}
	codes = append(codes, code{Text: "héllo wörld ✓", Opts: map[string]any{}})
	p := studyOpen(t, 800, 600, false, "")
	p.open("index.html", `document.body`)
	js, _ := json.Marshal(codes)
	p.eval(`window.__codes = ` + string(js) + `, true`)
	dir := t.TempDir()
	for i, c := range codes {
		var r struct {
			Version int    `json:"version"`
			ECL     string `json:"ecl"`
			Mask    int    `json:"mask"`
			PNG     string `json:"png"`
		}
		if err := json.Unmarshal([]byte(p.str(fmt.Sprintf(`%s(%d)`, qrPNG, i))), &r); err != nil {
			t.Fatal(err)
		}
		if v, ok := c.Opts["version"].(int); ok && r.Version != v {
			t.Errorf("code %d: version %d, want %d (%d bytes at %s)", i, r.Version, v, len(c.Text), c.Opts["ecl"])
		}
		if m, ok := c.Opts["mask"].(int); ok && r.Mask != m {
			t.Errorf("code %d: mask %d, want %d", i, r.Mask, m)
		}
		png, _ := base64.StdEncoding.DecodeString(r.PNG)
		f := filepath.Join(dir, fmt.Sprintf("qr-%02d.png", i))
		if err := os.WriteFile(f, png, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(zbar, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", f).Output()
		got := string(bytes.TrimSuffix(out, []byte("\n")))
		if err != nil || got != c.Text {
			t.Errorf("code %d (version %d-%s, mask %d, %d bytes): zbarimg read %q (%v), want %q", i, r.Version, r.ECL, r.Mask, len(c.Text), short(got), err, short(c.Text))
		}
	}
	p.noErrors()
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
