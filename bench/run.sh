#!/usr/bin/env bash
# bench/run.sh: compare a full `gen` build with the floor (bench/floor: read,
# goldmark+chroma render, minify, write; nothing else) and with Hugo
# (bench/hugosite: the same notes as a Hugo site, `hugo --minify`) on
# synthetic vaults.
#
#   bench/run.sh                 # 100, 1000 and 5000 notes × 10 cards
#   bench/run.sh 100 1000        # chosen sizes
#   CARDS=20 SEED=3 RUNS=3 bench/run.sh 1000
#   HUGO=/path/to/hugo bench/run.sh 1000
#
# CARDS cards per note (10), SEED vault seed (1), RUNS runs per program and
# size, gen, the floor and Hugo taking turns, the fastest of each kept (1).
# HUGO the hugo to time (hugo on PATH); without one, the Hugo columns say
# n/a. Vaults and Hugo sites go to a temporary folder, outputs to tmpfs
# (/dev/shm) when there is one; all are removed at the end.
# Prints a Markdown table on stdout; progress goes to stderr.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 5000)

. "$ROOT/bench/lib.sh"

say "building gen, floor, vaultgen, hugosite"
go build -o "$BIN/gen" ./cmd/gen
go build -o "$BIN/floor" ./bench/floor
go build -o "$BIN/vaultgen" ./bench/vaultgen/cmd
go build -o "$BIN/hugosite" ./bench/hugosite/cmd

HUGO=${HUGO:-hugo}
HUGO_VERSION=
if command -v "$HUGO" >/dev/null 2>&1; then
	HUGO_VERSION=$("$HUGO" version 2>/dev/null | head -n 1 || true)
fi
if [ -z "$HUGO_VERSION" ]; then
	say "no hugo ($HUGO) to run: the Hugo columns say n/a (Debian: apt-get install hugo; or HUGO=/path/to/hugo)"
fi

ROWS=()
for n in "${SIZES[@]}"; do
	vault=$WORK/vault-$n
	site=$WORK/hugo-$n
	say "vault: $n notes × $CARDS cards (seed $SEED)"
	"$BIN/vaultgen" -notes "$n" -cards "$CARDS" -seed "$SEED" -out "$vault" >&2
	insize=$(du -sb "$vault" | cut -f1)
	command_for() {
		case $1 in
		0) CMD=("$BIN/gen" -quiet -src "$vault") ;;
		1) CMD=("$BIN/floor" -src "$vault") ;;
		2) CMD=("$HUGO" --quiet --minify --source "$site") OUTFLAG=--destination ;;
		esac
	}
	if [ -n "$HUGO_VERSION" ]; then
		"$BIN/hugosite" -src "$vault" -out "$site" >&2
		interleave 3 "gen, $n notes" "floor, $n notes" "Hugo, $n notes"
	else
		interleave 2 "gen, $n notes" "floor, $n notes"
		W[2]=n/a R[2]=n/a C[2]=n/a S[2]=n/a
	fi
	ROWS+=("| $n | $((n * CARDS)) | $(megabytes "$insize") | $(secs "${W[0]}") | $(secs "${C[0]}") | $(mb "${R[0]}") | $(megabytes "${S[0]}") | $(megabytes "${P[0]:-}") | $(secs "${W[1]}") | $(secs "${C[1]}") | $(mb "${R[1]}") | $(megabytes "${S[1]}") | $(secs "${W[2]}") | $(secs "${C[2]}") | $(mb "${R[2]}") | $(megabytes "${S[2]}") | $(ratio "${W[0]}" "${W[1]}") | $(ratio "${C[0]}" "${C[1]}") | $(ratio "${W[0]}" "${W[2]}") | $(ratio "${C[0]}" "${C[2]}") |")
	rm -rf -- "$vault" "$site"
done

echo
machine
echo "Hugo: ${HUGO_VERSION:-n/a (not installed)}."
echo
echo "| notes | cards | vault size | gen wall | gen CPU | gen peak RSS | gen output | gen precache | floor wall | floor CPU | floor peak RSS | floor output | Hugo wall | Hugo CPU | Hugo peak RSS | Hugo output | gen/floor wall | gen/floor CPU | gen/Hugo wall | gen/Hugo CPU |"
echo "|------:|------:|-----------:|---------:|--------:|-------------:|-----------:|-------------:|-----------:|----------:|---------------:|-------------:|----------:|---------:|--------------:|------------:|---------------:|--------------:|--------------:|-------------:|"
printf '%s\n' "${ROWS[@]}"
