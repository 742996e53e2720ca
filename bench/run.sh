#!/usr/bin/env bash
# bench/run.sh: compare a full `gen` build with the floor (bench/floor: read,
# goldmark+chroma render, minify, write; nothing else) on synthetic vaults.
#
#   bench/run.sh                 # 100, 1000 and 5000 notes × 10 cards
#   bench/run.sh 100 1000        # chosen sizes
#   CARDS=20 SEED=3 RUNS=3 bench/run.sh 1000
#
# CARDS cards per note (10), SEED vault seed (1), RUNS runs per program and
# size, the fastest kept (1). Vaults go to a temporary folder, outputs to
# tmpfs (/dev/shm) when there is one; both are removed at the end.
# Prints a Markdown table on stdout; progress goes to stderr.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
CARDS=${CARDS:-10}
SEED=${SEED:-1}
RUNS=${RUNS:-1}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 1000 5000)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/flipdeck-bench.XXXXXX")
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	OUTROOT=$(mktemp -d /dev/shm/flipdeck-bench-out.XXXXXX)
else
	OUTROOT=$WORK/out
	mkdir -p "$OUTROOT"
fi
cleanup() { rm -rf -- "$WORK" "$OUTROOT"; }
trap cleanup EXIT
BIN=$WORK/bin
LOG=$WORK/log
mkdir -p "$BIN"
: >"$LOG"

say() { echo "run.sh: $*" >&2; }

say "building gen, floor, vaultgen"
go build -o "$BIN/gen" ./cmd/gen
go build -o "$BIN/floor" ./bench/floor
go build -o "$BIN/vaultgen" ./bench/vaultgen/cmd

# measure RESULT_FILE cmd...: run cmd, write "wall_seconds maxrss_kib
# cpu_seconds" (CPU: user + system time, steadier than wall time on a
# shared machine).
# (Captured first: grep -q in a pipe could SIGPIPE time under pipefail.)
tv=$(/usr/bin/time -v true 2>&1 >/dev/null || true)
if [[ $tv == *"Maximum resident set size"* ]]; then
	TIMER="/usr/bin/time -v"
	measure() {
		local res=$1; shift
		/usr/bin/time -v -o "$res.v" "$@" >>"$LOG" 2>&1 || return 1
		awk '/Elapsed \(wall clock\)/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; w = s }
		     /Maximum resident set size/ { m = $NF }
		     /User time \(seconds\)|System time \(seconds\)/ { c += $NF }
		     END { printf "%.3f %d %.3f\n", w, m, c }' "$res.v" >"$res"
	}
else
	TIMER="bench/timeit"
	go build -o "$BIN/timeit" ./bench/timeit
	measure() {
		local res=$1; shift
		"$BIN/timeit" -o "$res" "$@" >>"$LOG" 2>&1
	}
fi

# best PROGRAM NAME ARGS...: RUNS runs into fresh output folders, prints
# "wall rss out_bytes cpu" of the fastest run.
best() {
	local prog=$1 name=$2; shift 2
	local bw="" br="" bs="" bc="" r
	for ((r = 1; r <= RUNS; r++)); do
		local out=$OUTROOT/$name-$r
		if ! measure "$WORK/res" "$prog" "$@" -out "$out"; then
			say "$name failed; last lines of its output:"
			tail -n 20 "$LOG" >&2
			echo "FAIL FAIL 0 FAIL"
			return
		fi
		local w m s c
		read -r w m c <"$WORK/res"
		s=$(du -sb "$out" | cut -f1)
		rm -rf -- "$out"
		if [ -z "$bw" ] || awk -v a="$w" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
			bw=$w br=$m bs=$s bc=$c
		fi
	done
	echo "$bw $br $bs $bc"
}

mb() { awk -v k="$1" 'BEGIN { if (k == "FAIL") print "–"; else printf "%.0f MiB", k / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { if (s == "FAIL") print "FAIL"; else printf "%.2f s", s }'; }

ROWS=()
for n in "${SIZES[@]}"; do
	vault=$WORK/vault-$n
	say "vault: $n notes × $CARDS cards (seed $SEED)"
	"$BIN/vaultgen" -notes "$n" -cards "$CARDS" -seed "$SEED" -out "$vault" >&2
	insize=$(du -sb "$vault" | cut -f1)
	say "gen -src vault-$n"
	read -r gw gr gs gc < <(best "$BIN/gen" "gen-$n" -src "$vault")
	say "floor -src vault-$n"
	read -r fw fr _ fc < <(best "$BIN/floor" "floor-$n" -src "$vault")
	ratio() { awk -v g="$1" -v f="$2" 'BEGIN { if (g == "FAIL" || f == "FAIL" || f == 0) print "–"; else printf "%.2f×", g / f }'; }
	ROWS+=("| $n | $((n * CARDS)) | $(awk -v b="$insize" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $(secs "$gw") | $(secs "$gc") | $(mb "$gr") | $(awk -v b="$gs" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $(secs "$fw") | $(secs "$fc") | $(mb "$fr") | $(ratio "$gw" "$fw") | $(ratio "$gc" "$fc") |")
	rm -rf -- "$vault"
done

cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
echo
echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null); outputs on $(df -P "$OUTROOT" | awk 'NR == 2 { print $1 }'); timed with $TIMER; best of $RUNS run(s)."
echo
echo "| notes | cards | vault size | gen wall | gen CPU | gen peak RSS | gen output | floor wall | floor CPU | floor peak RSS | gen/floor wall | gen/floor CPU |"
echo "|------:|------:|-----------:|---------:|--------:|-------------:|-----------:|-----------:|----------:|---------------:|---------------:|--------------:|"
printf '%s\n' "${ROWS[@]}"
