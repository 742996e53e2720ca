# bench/lib.sh: the work folders and timing helpers shared by run.sh and
# hostile/run.sh, sourced after they set ROOT. Vaults go to a
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
# shared machine) to RESULT_FILE and the command's output to
# RESULT_FILE.log (and the end of $LOG).
# (Captured first: grep -q in a pipe could SIGPIPE time under pipefail.)
tv=$(/usr/bin/time -v true 2>&1 >/dev/null || true)
if [[ $tv == *"Maximum resident set size"* ]]; then
	TIMER="/usr/bin/time -v"
	measure() {
		local res=$1; shift
		/usr/bin/time -v -o "$res.v" "$@" >"$res.log" 2>&1 || { cat "$res.log" >>"$LOG"; return 1; }
		cat "$res.log" >>"$LOG"
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
		"$BIN/timeit" -o "$res" "$@" >"$res.log" 2>&1 || { cat "$res.log" >>"$LOG"; return 1; }
		cat "$res.log" >>"$LOG"
	}
fi

# interleave N LABEL...: RUNS rounds; in each, runs command i for i = 0
# .. N-1 in turn (the caller's command_for i puts it in the array CMD,
# and the option that names the output folder in OUTFLAG, -out when it
# leaves OUTFLAG empty), each into a fresh output folder, so that a slow
# spell of a shared machine falls on all of them alike. W[i], R[i], C[i]
# and S[i] get the wall time, peak RSS (KiB), CPU time and output bytes
# of the fastest run of each, or FAIL; P[i] the bytes the command says
# its service worker precaches (gen's "precaches … (N bytes)" line), or
# nothing. LABELs name the commands in progress messages.
declare -A W R C S P
interleave() {
	local n=$1 r i w m c out
	shift
	W=() R=() C=() S=() P=()
	for ((r = 1; r <= RUNS; r++)); do
		for ((i = 0; i < n; i++)); do
			[ "${W[$i]:-}" != FAIL ] || continue
			say "run $r/$RUNS: ${@:i+1:1}"
			OUTFLAG=
			command_for "$i"
			out=$OUTROOT/run
			rm -rf -- "$out"
			if ! measure "$WORK/res" "${CMD[@]}" "${OUTFLAG:--out}" "$out"; then
				say "${@:i+1:1} failed; last lines of its output:"
				tail -n 20 "$LOG" >&2
				W[$i]=FAIL R[$i]=FAIL C[$i]=FAIL S[$i]=0
				continue
			fi
			P[$i]=$(sed -n 's/.* precaches .*(\([0-9]*\) bytes).*/\1/p' "$WORK/res.log" | tail -n 1)
			read -r w m c <"$WORK/res"
			if [ -z "${W[$i]:-}" ] || awk -v a="$w" -v b="${W[$i]}" 'BEGIN { exit !(a < b) }'; then
				W[$i]=$w R[$i]=$m C[$i]=$c S[$i]=$(du -sb "$out" | cut -f1)
			fi
		done
	done
	rm -rf -- "$OUTROOT/run"
}

# The cells of a table. Each passes "n/a" (a program that was not run)
# through, and says "–" where there is no number.
# megabytes BYTES: "12.3 MB".
megabytes() { awk -v b="$1" 'BEGIN { if (b == "n/a") print b; else if (b == "") print "–"; else printf "%.1f MB", b / 1e6 }'; }

mb() { awk -v k="$1" 'BEGIN { if (k == "n/a") print k; else if (k == "FAIL") print "–"; else printf "%.0f MiB", k / 1024 }'; }
secs() { awk -v s="$1" 'BEGIN { if (s == "n/a" || s == "FAIL") print s; else printf "%.2f s", s }'; }

# ratio G F: G/F as "1.23×".
ratio() { awk -v g="$1" -v f="$2" 'BEGIN { if (g == "n/a" || f == "n/a") print "n/a"; else if (g == "FAIL" || f == "FAIL" || f == 0) print "–"; else printf "%.2f×", g / f }'; }

# machine: one line saying what the numbers were measured on.
machine() {
	local cpu
	cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
	echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null); outputs on $(df -P "$OUTROOT" | awk 'NR == 2 { print $1 }'); timed with $TIMER; best of $RUNS run(s)."
}
