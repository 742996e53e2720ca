# bench/lib.sh: the work folders and timing helpers shared by run.sh and
# ablate.sh, sourced after they set ROOT. Vaults go to a
# temporary folder, outputs to tmpfs (/dev/shm) when there is one; both
# are removed when the script exits.

CARDS=${CARDS:-10} # cards per note
SEED=${SEED:-1}    # the synthetic vault's seed
RUNS=${RUNS:-1}    # runs per program and size; the fastest is kept

say() { echo "$(basename "$0"): $*" >&2; }

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


# ratio G F: G/F as "1.23×".
ratio() { awk -v g="$1" -v f="$2" 'BEGIN { if (g == "FAIL" || f == "FAIL" || f == 0) print "–"; else printf "%.2f×", g / f }'; }

# machine: one line saying what the numbers were measured on.
machine() {
	local cpu
	cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
	echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null); outputs on $(df -P "$OUTROOT" | awk 'NR == 2 { print $1 }'); timed with $TIMER; best of $RUNS run(s)."
}
