package e2e

// Browser tests of test mode's wrong options (assets/js/testmode.js): the
// selection logic run on made-up cards in Chromium, and the key hints on
// a touch screen.

import (
	"encoding/json"
	"strings"
	"testing"
)

// testmodeCases runs in a quiz page: it imports testmode.js and returns a
// list of failures (empty: all well).
const testmodeCases = `(async () => {
  const tm = await import(document.body.dataset.root + "assets/js/testmode.js");
  const fails = [];
  const check = (ok, what) => { if (!ok) fails.push(what); };
  const cz = (id, texts, sib) => ({ id, kind: "cloze", deck: "D", q: "…", a: "…", cloze: texts, sib });
  const basic = (id, a, extra) => Object.assign({ id, kind: "basic", deck: "D", q: "Q " + id, a }, extra || {});
  const cards = [
    // One cloze line with two numbers: each one's text shows in the other's question.
    cz("shard-c1", ["1 MB/s"], "shard-c1"), cz("shard-c2", ["2 MB/s"], "shard-c1"),
    cz("keep", ["24 hours"]), cz("week", ["7 days"]), cz("year", ["365 days"]), cz("kb", ["512 KB"]),
    cz("paris", ["Paris"]), cz("berlin", ["Berlin"]), cz("madrid", ["Madrid"]), cz("oslo", ["Oslo"]),
    cz("style", ["Anki style"]), cz("phr", ["a stream of records"]), cz("phr2", ["the partition key"]),
    cz("phr3", ["shard iterator type"]), cz("phr4", ["at least once"]),
    // A cloze line whose two numbers share one word with another line.
    cz("cap-c1", ["Lisbon"], "cap-c1"), cz("cap-c2", ["Portugal"], "cap-c1"),
    basic("w1", "<p>Kinesis</p>"), basic("w2", "<p>Firehose</p>"), basic("w3", "<p>Lambda</p>"), basic("w4", "<p>DynamoDB</p>"),
    basic("s1", "<p>A group of services for scalable data streaming.</p>"),
    basic("s2", "<p>It buffers records and delivers them to a destination.</p>"),
    basic("s3", "<p>Serverless functions that run on events from a stream.</p>"),
    basic("s4", "<p>A key-value and document database with single-digit latency.</p>"),
    basic("n1", "<p>1969</p>"), basic("n2", "<p>1,000</p>"),
    basic("code1", "<pre><code>print(1)</code></pre>"), basic("code2", "<pre><code>fmt.Println(1)</code></pre>"),
    basic("code3", "<pre><code>console.log(1)</code></pre>"), basic("code4", "<pre><code>puts 1</code></pre>"),
    // A reversed pair: each side's answer is the other side's question.
    basic("hello", "<p>Bonjour</p>", { kind: "reversed", pair: "bonjour", sib: "hello", q: "Hello" }),
    basic("bonjour", "<p>Hello</p>", { kind: "reversed", pair: "hello", sib: "hello", q: "Bonjour" }),
  ];
  const byId = new Map(cards.map((c) => [c.id, c]));
  const isNumber = (s) => tm.shapeOf(s, null) === "number";
  const words = (s) => s.trim().split(/\s+/).length;
  for (let seed = 1; seed <= 300; seed++) {
    const rand = tm.seeded(seed);
    for (const c of cards) {
      const ds = tm.distractors(c, cards, 3, rand);
      const where = c.id + " (seed " + seed + "): ";
      check(ds.length === 3, where + ds.length + " options");
      const texts = ds.map((d) => d.text);
      check(new Set(texts.map((t) => t.toLowerCase())).size === texts.length, where + "repeated option " + texts);
      for (const d of ds) {
        const from = d.from == null ? null : byId.get(d.from);
        check(d.from !== c.id, where + "its own answer is a wrong option");
        if (from) check(!tm.siblings(c, from), where + "option from its sibling " + d.from);
        if (c.kind === "cloze") check(d.from == null || from.kind === "cloze", where + "a cloze offered " + d.from + "'s answer");
        else check(d.from == null || from.kind !== "cloze", where + "an answer card offered cloze " + d.from);
      }
      const right = c.kind === "cloze" ? c.cloze.join(" … ") : tm.plainText(c.a);
      if (isNumber(right)) check(texts.every(isNumber), where + "numbers wanted, got " + JSON.stringify(texts));
      if (tm.shapeOf(right, c.kind === "cloze" ? null : c.a) === "word") check(texts.every((t) => words(t) === 1 && !isNumber(t)), where + "single words wanted, got " + JSON.stringify(texts));
      if (c.id.startsWith("code")) check(ds.every((d) => /^code/.test(d.from)), where + "code wanted, got " + ds.map((d) => d.from));
      if (/^s\d/.test(c.id)) check(ds.every((d) => /^s\d/.test(d.from)), where + "sentences wanted, got " + ds.map((d) => d.from));
      if (c.id.startsWith("phr") || c.id === "style") check(texts.every((t) => words(t) >= 2 && words(t) <= 4), where + "short phrases wanted, got " + JSON.stringify(texts));
    }
  }
  // The sibling of a two-number cloze line never shows, though it is the likeliest number.
  // Too few years: made-up ones in the same format.
  const made = (id) => tm.distractors(byId.get(id), cards, 3, tm.seeded(7)).filter((d) => d.from == null).map((d) => d.text);
  const years = made("n1");
  check(years.length >= 1 && years.every((t) => /^\d{4}$/.test(t) && t !== "1969" && Math.abs(t - 1969) <= 20), "made-up years near 1969: " + years);
  const grouped = made("n2");
  check(grouped.length >= 1 && grouped.every((t) => /^\d{1,3}(,\d{3})*$/.test(t) && t !== "1,000"), "made-up numbers in the 1,000 format: " + grouped);
  // Shapes.
  const shapes = { "42": "number", "1,000": "number", "24 hours": "number", "1 MB/s": "number", "50%": "number", "3.14": "number",
    "Paris": "word", "Anki style": "phrase", "It buffers records and delivers them.": "sentence", "2^10": "word" };
  for (const [t, want] of Object.entries(shapes)) check(tm.shapeOf(t, null) === want, "shapeOf(" + t + ") = " + tm.shapeOf(t, null) + ", want " + want);
  check(tm.shapeOf("x", "<pre><code>x</code></pre>") === "code", "code shape");
  check(tm.shapeOf("a b", "<ul><li>a</li><li>b</li></ul>") === "list", "list shape");
  // The same seed gives the same test; another seed another one.
  const dump = (t) => JSON.stringify(t.map((q) => [q.card.id, q.options.map((o) => o.text)]));
  const a = dump(tm.makeTest(cards, 20, tm.seeded(42))), b = dump(tm.makeTest(cards, 20, tm.seeded(42)));
  check(a === b, "seed 42 gave two different tests");
  check(a !== dump(tm.makeTest(cards, 20, tm.seeded(43))), "seeds 42 and 43 gave the same test");
  return fails.slice(0, 20);
})()`

// TestTestModeDistractors checks the wrong options of test mode on
// made-up cards: the same kind (clozes for clozes), the same shape
// (numbers, single words, phrases, sentences, code), never a sibling
// (reversed pair, another number of the same cloze line), deterministic
// for a seed.
func TestTestModeDistractors(t *testing.T) {
	p := studyOpen(t, 1000, 800, false, "")
	p.quiz(keyboardDeck)
	var fails []string
	if err := json.Unmarshal([]byte(p.str(`(async () => JSON.stringify(await `+testmodeCases+`))()`)), &fails); err != nil {
		t.Fatal(err)
	}
	for _, f := range fails {
		t.Error(f)
	}
	p.noErrors()
}

// TestTestModeSite takes a test of the sample deck: no option comes from
// a card's sibling (the other side of a reversed pair, another number of
// its cloze line); the number keys show with a mouse and hide on a touch
// screen.
func TestTestModeSite(t *testing.T) {
	for _, touch := range []bool{false, true} {
		w, h := 1280, 800
		if touch {
			w, h = 390, 844
		}
		p := studyOpen(t, w, h, touch, "")
		p.quiz(syntaxDeck)
		p.switchMode("test", touch)
		hint := p.str(`getComputedStyle(document.querySelector(".key-hint")).display`)
		if (hint == "none") != touch {
			t.Errorf("touch %v: key hint display %q", touch, hint)
		}
		p.click("[data-action=start-test]")
		type qcard struct {
			ID   string `json:"id"`
			Pair string `json:"pair"`
			Sib  string `json:"sib"`
		}
		var cards []qcard
		_ = json.Unmarshal([]byte(p.str(`JSON.stringify(document.getElementById("quiz").quiz.cards)`)), &cards)
		byID := map[string]qcard{}
		sibs := 0
		for _, c := range cards {
			byID[c.ID] = c
			if c.Sib != "" {
				sibs++
			}
		}
		if sibs < 8 { // 3 reversed pairs, a two-number cloze line
			t.Errorf("%d cards with siblings, want ≥ 8", sibs)
		}
		for p.state() != "done" {
			id := p.cardID()
			kbd := p.str(`getComputedStyle(document.querySelector(".option kbd")).display`)
			if (kbd == "none") != touch {
				t.Fatalf("touch %v: option key display %q", touch, kbd)
			}
			froms := strings.Fields(p.str(`[...document.querySelectorAll(".option")].map(b => b.dataset.from || "-").join(" ")`))
			for _, f := range froms {
				if o, ok := byID[f]; ok && f != id && byID[id].Sib != "" && o.Sib == byID[id].Sib {
					t.Errorf("question %s: an option from its sibling %s", id, f)
				}
			}
			if touch {
				p.tap(".option")
				p.tap(".next")
			} else {
				p.key("1")
				p.key(" ")
			}
		}
		if touch {
			p.shot("test-result-touch")
		}
		p.noErrors()
	}
}
