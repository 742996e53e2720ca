#!/usr/bin/env bash
# bench/run.sh: compare a full `gen` build with the floor (bench/floor: read,
# goldmark+chroma render, minify, write; nothing else) on synthetic vaults.
#
#   bench/run.sh                 # 100, 1000 and 5000 notes × 10 cards
#   bench/run.sh 100 1000        # chosen sizes
#   CARDS=20 SEED=3 RUNS=3 bench/run.sh 1000
#
# CARDS cards per note (10), SEED vault seed (1), RUNS runs per program and
# size, gen and the floor taking turns, the fastest of each kept (1).
# Vaults go to a temporary folder, outputs to tmpfs (/dev/shm) when there
# is one; both are removed at the end.
# Prints a Markdown table on stdout; progress goes to stderr.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 5000)

. "$ROOT/bench/lib.sh"

say "building gen, floor, vaultgen"
go build -o "$BIN/gen" ./cmd/gen
go build -o "$BIN/floor" ./bench/floor
go build -o "$BIN/vaultgen" ./bench/vaultgen/cmd

ROWS=()
for n in "${SIZES[@]}"; do
	vault=$WORK/vault-$n
	say "vault: $n notes × $CARDS cards (seed $SEED)"
	"$BIN/vaultgen" -notes "$n" -cards "$CARDS" -seed "$SEED" -out "$vault" >&2
	insize=$(du -sb "$vault" | cut -f1)
	command_for() {
		case $1 in
		0) CMD=("$BIN/gen" -quiet -src "$vault") ;;
		1) CMD=("$BIN/floor" -src "$vault") ;;
		esac
	}
	interleave 2 "gen, $n notes" "floor, $n notes"
	ROWS+=("| $n | $((n * CARDS)) | $(megabytes "$insize") | $(secs "${W[0]}") | $(secs "${C[0]}") | $(mb "${R[0]}") | $(megabytes "${S[0]}") | $(secs "${W[1]}") | $(secs "${C[1]}") | $(mb "${R[1]}") | $(ratio "${W[0]}" "${W[1]}") | $(ratio "${C[0]}" "${C[1]}") |")
	rm -rf -- "$vault"
done

echo
machine
echo
echo "| notes | cards | vault size | gen wall | gen CPU | gen peak RSS | gen output | floor wall | floor CPU | floor peak RSS | gen/floor wall | gen/floor CPU |"
echo "|------:|------:|-----------:|---------:|--------:|-------------:|-----------:|-----------:|----------:|---------------:|---------------:|--------------:|"
printf '%s\n' "${ROWS[@]}"
