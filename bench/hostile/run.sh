#!/usr/bin/env bash
# bench/hostile/run.sh: build each pathological vault of bench/hostile with
# gen and report its time and peak memory (issue 15: every one under 2 s
# and 200 MiB on two cores).
#
#   bench/hostile/run.sh                        # every case
#   bench/hostile/run.sh embed-bomb cards-200k  # these cases
#   BEFORE=/path/to/other/checkout bench/hostile/run.sh
#
# BEFORE, a checkout of flipdeck (e.g. `git worktree add --detach DIR
# <commit>`), also builds that tree's gen and times it on the same vaults,
# the two taking turns. TIMEOUT stops a build after that many seconds (300;
# the table then says "> 300 s"). RUNS runs per program and case, the
# fastest kept (1). Vaults go to a temporary folder, outputs to tmpfs
# (/dev/shm) when there is one; both are removed at the end.
# Prints a Markdown table on stdout; progress goes to stderr.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
TIMEOUT=${TIMEOUT:-300}
. "$ROOT/bench/lib.sh"

say "building gen, hostile, timeit"
go build -o "$BIN/gen" ./cmd/gen
go build -o "$BIN/hostile" ./bench/hostile/cmd
go build -o "$BIN/timeit" ./bench/timeit
TIMER="bench/timeit"
PROGS=(after)
if [ -n "${BEFORE:-}" ]; then
	say "building gen in $BEFORE"
	(cd "$BEFORE" && go build -o "$BIN/gen-before" ./cmd/gen)
	PROGS=(before after)
fi

CASES=("$@")
if [ ${#CASES[@]} -eq 0 ]; then
	mapfile -t CASES < <("$BIN/hostile" -list | cut -f1)
fi

# run PROG VAULT: one timed build into a fresh output folder; prints
# "wall rss_kib cpu status output_bytes warnings".
run() {
	local bin=$BIN/gen out=$OUTROOT/run status=0 w m c warns
	[ "$1" = after ] || bin=$BIN/gen-before
	rm -rf -- "$out"
	"$BIN/timeit" -o "$WORK/res" timeout -k 5 "$TIMEOUT" "$bin" -quiet -src "$2" -out "$out" >"$LOG" 2>&1 || status=$?
	read -r w m c <"$WORK/res"
	warns=$(sed -n 's/.* \([0-9]*\) warnings in .*/\1/p' "$LOG" | tail -n 1)
	echo "$w $m $c $status $(du -sb "$out" 2>/dev/null | cut -f1 || echo 0) ${warns:-?}"
	rm -rf -- "$out"
}

# cell WALL RSS CPU STATUS: "0.12 s, 0.20 s CPU, 40 MiB", or "> 300 s".
cell() {
	case $4 in
	0) echo "$(secs "$1") | $(secs "$3") | $(mb "$2")" ;;
	124) echo "> $TIMEOUT s | – | ≥ $(mb "$2")" ;;
	# 137 or 255: gen did not stop within 5 s of SIGTERM and timeout
	# killed it (timeit then sees only timeout's own usage).
	137 | 255) echo "> $TIMEOUT s | – | –" ;;
	*) echo "exit $4 | $(secs "$3") | $(mb "$2")" ;;
	esac
}

ROWS=()
for name in "${CASES[@]}"; do
	vault=$WORK/vault-$name
	"$BIN/hostile" -case "$name" -out "$vault" >&2
	item=$("$BIN/hostile" -list | awk -F'\t' -v n="$name" '$1 == n { print $2 }')
	declare -A best=() done=()
	for ((r = 1; r <= RUNS; r++)); do
		for p in "${PROGS[@]}"; do
			[ -z "${done[$p]:-}" ] || continue # timed out or failed: once is enough
			say "run $r/$RUNS: $p, $name"
			res=$(run "$p" "$vault")
			read -r w _ _ status _ _ <<<"$res"
			if [ -z "${best[$p]:-}" ] || awk -v a="$w" -v b="${best[$p]%% *}" 'BEGIN { exit !(a < b) }'; then
				best[$p]=$res
			fi
			[ "$status" = 0 ] || done[$p]=1
		done
	done
	row="| $name | $item | $(megabytes "$(du -sb "$vault" | cut -f1)")"
	for p in "${PROGS[@]}"; do
		read -r w m c status size warns <<<"${best[$p]}"
		row+=" | $(cell "$w" "$m" "$c" "$status") | $(megabytes "$size") | $warns"
	done
	ROWS+=("$row |")
	unset best done
	rm -rf -- "$vault"
done

echo
machine
echo
if [ ${#PROGS[@]} -eq 2 ]; then
	echo "| case | item | vault | before wall | before CPU | before peak RSS | before output | before warnings | after wall | after CPU | after peak RSS | after output | after warnings |"
	echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
else
	echo "| case | item | vault | wall | CPU | peak RSS | output | warnings |"
	echo "|---|--:|--:|--:|--:|--:|--:|--:|"
fi
printf '%s\n' "${ROWS[@]}"
