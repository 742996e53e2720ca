#!/bin/bash
# bench/lighthouse.sh [ROUNDS]: Lighthouse (mobile: performance,
# accessibility, best practices) on the sample site's index, a deck page
# and that deck page opened at #quiz (its quiz, loaded cold), served as
# GitHub Pages serves it: HTTPS and HTTP/2, gzip (bench/pagesserve, with
# a throw-away self-signed certificate). ROUNDS rounds (default 5), the
# three pages in turn; prints each run's scores and timings.
#
# Needs Lighthouse (not part of the repo; LIGHTHOUSE names its command,
# default `lighthouse`, e.g. LIGHTHOUSE=~/lh/node_modules/.bin/lighthouse),
# node, openssl and Chromium (CHROME_PATH, default /usr/bin/chromium).
# HTTP=1 serves plain HTTP/1.1 instead, as sessions 10-14 measured first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
LIGHTHOUSE=${LIGHTHOUSE:-lighthouse}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flipdeck-lighthouse.XXXXXX")
trap 'kill "${SRV:-}" 2>/dev/null || true; rm -rf -- "$WORK"' EXIT

go run ./cmd/gen -quiet -src content -out "$WORK/site" >/dev/null
go build -o "$WORK/pagesserve" ./bench/pagesserve
ADDR=127.0.0.1:8099
if [ "${HTTP:-}" = 1 ]; then
	SCHEME=http
	"$WORK/pagesserve" -dir "$WORK/site" -addr "$ADDR" & SRV=$!
else
	SCHEME=https
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
		-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
	"$WORK/pagesserve" -dir "$WORK/site" -addr "$ADDR" -cert "$WORK/cert.pem" -key "$WORK/key.pem" & SRV=$!
fi
sleep 0.5

DECK=decks/aws-exams--solutions-architect--associate--aws-kinesis.html
mkdir -p "$WORK/runs"
for ((r = 1; r <= ROUNDS; r++)); do
	for page in index:index.html deck:$DECK quiz:$DECK#quiz; do
		"$LIGHTHOUSE" "$SCHEME://$ADDR/${page#*:}" --quiet --only-categories=performance,accessibility,best-practices \
			--chrome-flags="--headless=new --no-sandbox --ignore-certificate-errors" \
			--output=json --output-path="$WORK/runs/${page%%:*}-$r.json" >/dev/null 2>&1 ||
			echo "lighthouse failed on ${page#*:} (round $r)" >&2
	done
done

node -e '
const fs = require("fs"), dir = process.argv[1];
for (const page of ["index", "deck", "quiz"]) {
  console.log(page);
  for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(page + "-")).sort()) {
    const j = JSON.parse(fs.readFileSync(dir + "/" + f)), c = j.categories, a = j.audits;
    const ms = (k) => Math.round(a[k].numericValue);
    console.log(`  performance ${Math.round(c.performance.score * 100)}, accessibility ${Math.round(c.accessibility.score * 100)}, best practices ${Math.round(c["best-practices"].score * 100)};` +
      ` FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, SI ${ms("speed-index")} ms, TBT ${ms("total-blocking-time")} ms, CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}`);
  }
}' "$WORK/runs"
