#!/usr/bin/env bash
# bench/rebuild.sh: how long `gen -cache` takes to rebuild a vault with
# one note changed, against the floor's full build (bench/floor), as
# issue 13 asks (at most 0.25× the floor at 5,000 notes).
#
#   bench/rebuild.sh              # 5000 notes × 10 cards
#   RUNS=5 bench/rebuild.sh 1000  # other sizes, more rounds
#
# Per size: one cold build with -cache (timed once, it fills the cache),
# then RUNS rounds, each running in turn the floor, a rebuild into a
# fresh output folder (a CI run with the cache folder restored) and a
# rebuild into the previous output (a local rebuild), each rebuild after
# one note was edited. The fastest run of each is kept. Vaults and the
# cache go to a temporary folder, outputs to tmpfs when there is one.
# Prints a Markdown table on stdout; progress goes to stderr.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(5000)

. "$ROOT/bench/lib.sh"

say "building gen, floor, vaultgen"
go build -o "$BIN/gen" ./cmd/gen
go build -o "$BIN/floor" ./bench/floor
go build -o "$BIN/vaultgen" ./bench/vaultgen/cmd

# keep I W C R: keeps wall W, CPU C and peak RSS R as program I's best.
declare -A BW BC BR
keep() {
	if [ -z "${BW[$1]:-}" ] || awk -v a="$2" -v b="${BW[$1]}" 'BEGIN { exit !(a < b) }'; then
		BW[$1]=$2 BC[$1]=$3 BR[$1]=$4
	fi
}

# timed I CMD...: runs CMD, keeps its times as program I's.
timed() {
	local i=$1 w m c
	shift
	measure "$WORK/res" "$@" || { say "$* failed; last lines of its output:"; tail -n 20 "$LOG" >&2; exit 1; }
	read -r w m c <"$WORK/res"
	keep "$i" "$w" "$c" "$m"
}

# rendered: fails unless the last gen run rendered exactly one note.
rendered_one() {
	grep -q 'cache: 1 of [0-9]* notes rendered' <(tail -n 3 "$LOG") ||
		{ say "the rebuild did not render exactly one note:"; tail -n 3 "$LOG" >&2; exit 1; }
}

ROWS=()
for n in "${SIZES[@]}"; do
	BW=() BC=() BR=()
	vault=$WORK/vault-$n cache=$WORK/cache-$n
	say "vault: $n notes × $CARDS cards (seed $SEED)"
	"$BIN/vaultgen" -notes "$n" -cards "$CARDS" -seed "$SEED" -out "$vault" >&2
	# The note edited before each rebuild: the first in path order (awk
	# reads all of sort's output: head would stop it with SIGPIPE,
	# which pipefail takes for a failure).
	note=$(find "$vault" -name '*.md' | LC_ALL=C sort | awk 'NR == 1')
	say "cold build with -cache"
	timed cold "$BIN/gen" -quiet -src "$vault" -out "$OUTROOT/same" -cache "$cache"
	for ((r = 1; r <= RUNS; r++)); do
		say "run $r/$RUNS: floor"
		rm -rf -- "$OUTROOT/floor"
		timed floor "$BIN/floor" -src "$vault" -out "$OUTROOT/floor"
		say "run $r/$RUNS: rebuild into a fresh -out"
		printf '\nEdited before rebuild %d (fresh).\n' "$r" >>"$note"
		rm -rf -- "$OUTROOT/fresh"
		timed fresh "$BIN/gen" -quiet -src "$vault" -out "$OUTROOT/fresh" -cache "$cache"
		rendered_one
		say "run $r/$RUNS: rebuild into the previous -out"
		printf '\nEdited before rebuild %d (same).\n' "$r" >>"$note"
		timed same "$BIN/gen" -quiet -src "$vault" -out "$OUTROOT/same" -cache "$cache"
		rendered_one
	done
	csize=$(du -sb "$cache" | cut -f1)
	ROWS+=("| $n | $(secs "${BW[cold]}") | $(megabytes "$csize") | $(secs "${BW[fresh]}") / $(secs "${BC[fresh]}") | $(secs "${BW[same]}") / $(secs "${BC[same]}") | $(mb "${BR[same]}") | $(secs "${BW[floor]}") / $(secs "${BC[floor]}") | $(ratio "${BW[fresh]}" "${BW[floor]}") / $(ratio "${BC[fresh]}" "${BC[floor]}") | $(ratio "${BW[same]}" "${BW[floor]}") / $(ratio "${BC[same]}" "${BC[floor]}") |")
	rm -rf -- "$vault" "$cache" "$OUTROOT/same" "$OUTROOT/fresh" "$OUTROOT/floor"
done

echo
machine
echo
echo "| notes | cold build with -cache | cache size | rebuild, fresh -out (wall / CPU) | rebuild, same -out (wall / CPU) | rebuild peak RSS | floor (wall / CPU) | fresh / floor (wall / CPU) | same / floor (wall / CPU) |"
echo "|------:|------:|------:|------:|------:|------:|------:|------:|------:|"
printf '%s\n' "${ROWS[@]}"
