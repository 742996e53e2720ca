package texmath

import (
	"bufio"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want: lines of testdata/cases.txt with current output")

// mathMLElements is the complete set of elements the converter may emit.
var mathMLElements = map[string]bool{
	"math": true, "semantics": true, "annotation": true, "mrow": true, "mi": true,
	"mn": true, "mo": true, "mtext": true, "mspace": true, "mfrac": true,
	"msqrt": true, "mroot": true, "msub": true, "msup": true, "msubsup": true,
	"munder": true, "mover": true, "munderover": true, "mstyle": true,
	"menclose": true, "mphantom": true, "mtable": true, "mtr": true, "mtd": true,
	"merror": true,
}

// arity is the number of children the fixed-arity elements must have.
var arity = map[string]int{
	"mfrac": 2, "mroot": 2, "msub": 2, "msup": 2, "msubsup": 3,
	"munder": 2, "mover": 2, "munderover": 3, "semantics": 2,
}

// checkWellFormed parses out as XML and checks that it is one <math>
// element built only from MathML elements, with the right number of
// children for fixed-arity elements, and no event-handler attributes.
func checkWellFormed(t testing.TB, tex, out string) {
	t.Helper()
	if !strings.HasPrefix(out, "<math") || !strings.HasSuffix(out, "</math>") {
		t.Fatalf("%q: output is not a <math> element: %s", tex, out)
	}
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = true
	type frame struct {
		name string
		kids int
	}
	var stack []frame
	roots := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%q: output is not well-formed XML: %v\n%s", tex, err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			if !mathMLElements[name] {
				t.Fatalf("%q: non-MathML element <%s> in %s", tex, name, out)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || a.Name.Local == "href" {
					t.Fatalf("%q: unsafe attribute %s in %s", tex, a.Name.Local, out)
				}
			}
			if len(stack) == 0 {
				roots++
			} else {
				stack[len(stack)-1].kids++
			}
			stack = append(stack, frame{name: name})
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n, ok := arity[f.name]; ok && f.kids != n {
				t.Fatalf("%q: <%s> has %d children, want %d: %s", tex, f.name, f.kids, n, out)
			}
		case xml.CharData:
			if len(stack) > 0 && strings.TrimSpace(string(tok)) != "" {
				switch stack[len(stack)-1].name {
				case "mi", "mn", "mo", "mtext", "annotation":
				default:
					t.Fatalf("%q: text directly inside <%s>: %s", tex, stack[len(stack)-1].name, out)
				}
			}
		}
	}
	if roots != 1 {
		t.Fatalf("%q: %d root elements in %s", tex, roots, out)
	}
}

// body strips the fixed <math><semantics><mrow> wrapper and the annotation,
// leaving the part the test cases spell out.
func body(out string) string {
	start := strings.Index(out, "<semantics><mrow>")
	end := strings.LastIndex(out, "</mrow><annotation")
	if start < 0 || end < start {
		return out
	}
	return out[start+len("<semantics><mrow>") : end]
}

type testCase struct {
	line    int
	display bool
	tex     string
	want    string
	wantErr string
}

// readCases reads testdata/cases.txt: blocks of "inline: TeX" or
// "display: TeX", then "want: MathML body", optionally "error: text that
// the error message must contain"; "#" starts a comment line.
func readCases(t *testing.T) ([]testCase, []string) {
	f, err := os.Open("testdata/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []testCase
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		lines = append(lines, l)
		switch {
		case strings.HasPrefix(l, "inline: "):
			cases = append(cases, testCase{line: n, tex: strings.TrimPrefix(l, "inline: ")})
		case strings.HasPrefix(l, "display: "):
			cases = append(cases, testCase{line: n, display: true, tex: strings.TrimPrefix(l, "display: ")})
		case strings.HasPrefix(l, "want: "):
			cases[len(cases)-1].want = strings.TrimPrefix(l, "want: ")
		case strings.HasPrefix(l, "error: "):
			cases[len(cases)-1].wantErr = strings.TrimPrefix(l, "error: ")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases, lines
}

func TestCases(t *testing.T) {
	cases, lines := readCases(t)
	if len(cases) < 50 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for _, c := range cases {
		out, err := ToMathML(c.tex, c.display)
		checkWellFormed(t, c.tex, out)
		if c.display != strings.Contains(out, `display="block"`) {
			t.Errorf("cases.txt:%d: %q: display attribute wrong: %s", c.line, c.tex, out)
		}
		got := body(out)
		if *update {
			rewriteWant(lines, c, got)
			continue
		}
		if got != c.want {
			t.Errorf("cases.txt:%d: %q\n got: %s\nwant: %s", c.line, c.tex, got, c.want)
		}
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("cases.txt:%d: %q: unexpected error %v", c.line, c.tex, err)
		case c.wantErr != "" && err == nil:
			t.Errorf("cases.txt:%d: %q: no error, want one containing %q", c.line, c.tex, c.wantErr)
		case c.wantErr != "" && !strings.Contains(err.Error(), c.wantErr):
			t.Errorf("cases.txt:%d: %q: error %q does not contain %q", c.line, c.tex, err, c.wantErr)
		}
	}
	if *update {
		if err := os.WriteFile("testdata/cases.txt", []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rewriteWant replaces (or inserts) the want: line of case c.
func rewriteWant(lines []string, c testCase, got string) {
	i := c.line // index of the line after the case's first line
	if i < len(lines) && strings.HasPrefix(lines[i], "want: ") {
		lines[i] = "want: " + got
		return
	}
	lines[c.line-1] += "\nwant: " + got
}

func TestErrorType(t *testing.T) {
	_, err := ToMathML(`a + \foo + b`, false)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *Error", err)
	}
	if e.Offset != 4 || !strings.Contains(e.Msg, `\foo`) {
		t.Errorf("got offset %d msg %q, want offset 4 naming \\foo", e.Offset, e.Msg)
	}
	if _, err := ToMathML(`a + b`, false); err != nil {
		t.Errorf("valid input gave error %v", err)
	}
}

func TestSafety(t *testing.T) {
	inputs := []string{
		`<script>alert(1)</script>`,
		`\text{<img src=x onerror=alert(1)>}`,
		`\color{red" onclick="x}{a}`,
		`\operatorname{<b>}`,
		`\begin{<x>}a\end{<x>}`,
		"\x00\x01\xff\xfe \"'&",
		`\hspace{1em" onload="x}`,
		`\mathrm{"><svg>}`,
	}
	for _, in := range inputs {
		for _, display := range []bool{false, true} {
			out, _ := ToMathML(in, display)
			checkWellFormed(t, in, out)
			for _, bad := range []string{"<script", "<img", "<svg", "<b>", "onclick=", "onload="} {
				if strings.Contains(body(out), bad) {
					t.Errorf("%q: output contains %q: %s", in, bad, out)
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	cases, _ := readCases(t)
	for _, c := range cases {
		a, _ := ToMathML(c.tex, c.display)
		for i := 0; i < 3; i++ {
			if b, _ := ToMathML(c.tex, c.display); a != b {
				t.Fatalf("%q: output differs between runs", c.tex)
			}
		}
	}
}

func TestDeepNesting(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("{", 100000) + "x" + strings.Repeat("}", 100000),
		strings.Repeat(`\frac{`, 5000),
		strings.Repeat(`\sqrt`, 5000) + "x",
		strings.Repeat(`\begin{matrix}`, 3000),
		strings.Repeat(`\text{`, 3000),
		strings.Repeat(`\color{red}`, 3000) + "x",
		strings.Repeat(`x^`, 3000),
		`\begin{array}{*{100000}{*{100000}{c}}}a\end{array}`,
	} {
		out, err := ToMathML(in, true)
		checkWellFormed(t, in[:min(len(in), 40)], out)
		if err == nil {
			t.Errorf("%.40q...: no error for pathological input", in)
		}
		if len(out) > 1<<20 {
			t.Errorf("%.40q...: output of %d bytes", in, len(out))
		}
	}
}

// TestLargeInput guards against quadratic behaviour on long runs.
func TestLargeInput(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("1", 200000),
		`\mathrm{` + strings.Repeat("a", 200000) + "}",
		strings.Repeat("时", 100000),
		`\text{` + strings.Repeat("ab ", 100000) + "}",
		strings.Repeat("x_1 + ", 30000),
		`\begin{matrix}` + strings.Repeat("a & ", 20000) + strings.Repeat(`\\`, 20000) + `\end{matrix}`,
	} {
		out, err := ToMathML(in, true)
		if err != nil {
			t.Errorf("%.30q...: %v", in, err)
		}
		if len(out) > 40*len(in)+1000 {
			t.Errorf("%.30q...: output %d bytes for %d bytes of input", in, len(out), len(in))
		}
	}
}

func FuzzToMathML(f *testing.F) {
	if cases, err := os.ReadFile("testdata/cases.txt"); err == nil {
		for _, l := range strings.Split(string(cases), "\n") {
			if tex, ok := strings.CutPrefix(l, "inline: "); ok {
				f.Add(tex, false)
			}
			if tex, ok := strings.CutPrefix(l, "display: "); ok {
				f.Add(tex, true)
			}
		}
	}
	f.Add(`\left( \begin{array}{c|c} a & b \\ \hline c & d \end{array} \right.`, true)
	f.Fuzz(func(t *testing.T, tex string, display bool) {
		out, err := ToMathML(tex, display)
		checkWellFormed(t, tex, out)
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
		again, err2 := ToMathML(tex, display)
		if again != out || fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatal("not deterministic")
		}
	})
}

// TestMarked checks which problems leave output that may be shown (every
// problem marked where it is) and which leave a broken formula whose TeX
// source must be shown instead.
func TestMarked(t *testing.T) {
	for _, c := range []struct {
		tex    string
		marked bool
	}{
		{`x^2`, true},
		{`\foo{x} + y`, true},
		{`\text{\weird}`, true},
		{`\color{bad value}{x}`, true},
		{`{a`, false},
		{`a}`, false},
		{`\frac{a}`, false},
		{`\begin{nosuchenv} a \end{nosuchenv}`, false},
		{`\left( a`, false},
		{`\foo \frac{a}`, false},
	} {
		_, err := ToMathML(c.tex, false)
		if got := Marked(err); got != c.marked {
			t.Errorf("%q: Marked(%v) = %v, want %v", c.tex, err, got, c.marked)
		}
	}
}
