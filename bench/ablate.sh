#!/usr/bin/env bash
# bench/ablate.sh: what each of gen's outputs beyond the deck pages costs.
# It builds gen once more with bench/ablate.patch applied, which makes
# FLIPDECK_ABLATE (a comma-separated list) leave outputs out:
#
#   quiz   the quiz data files (data/*.json)
#   anki   the Anki files (anki/*.txt)
#   cards  cards.json
#   pages  the index, stats and quiz pages
#
# and times a synthetic vault with each left out, then with all four left
# out (deck pages only), next to the unpatched gen and the floor.
#
#   bench/ablate.sh              # 5000 notes × 10 cards
#   RUNS=3 bench/ablate.sh 1000
#
# The ablated builds are not sites anyone could use; they only show
# where the time above the floor goes. Prints a Markdown table on stdout.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-5000}

. "$ROOT/bench/lib.sh"

say "building gen, floor, vaultgen, and gen with bench/ablate.patch"
go build -o "$BIN/gen" ./cmd/gen
go build -o "$BIN/floor" ./bench/floor
go build -o "$BIN/vaultgen" ./bench/vaultgen/cmd
mkdir -p "$WORK/src"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$WORK/src"
(cd "$WORK/src" && git apply "$ROOT/bench/ablate.patch" && go build -o "$BIN/gen-ablated" ./cmd/gen)

vault=$WORK/vault
say "vault: $N notes × $CARDS cards (seed $SEED)"
"$BIN/vaultgen" -notes "$N" -cards "$CARDS" -seed "$SEED" -out "$vault" >&2

LABELS=(floor gen "gen without quiz data" "gen without Anki files" "gen without cards.json"
	"gen without index, stats and quiz pages" "gen with deck pages only")
ABLATE=("" "" quiz anki cards pages quiz,anki,cards,pages)
command_for() {
	case $1 in
	0) CMD=("$BIN/floor" -src "$vault") ;;
	1) CMD=("$BIN/gen" -quiet -src "$vault") ;;
	*) CMD=(env FLIPDECK_ABLATE="${ABLATE[$1]}" "$BIN/gen-ablated" -quiet -src "$vault") ;;
	esac
}
interleave ${#LABELS[@]} "${LABELS[@]}"
echo
machine
echo "Vault: $N notes × $CARDS cards (seed $SEED)."
echo
echo "| build | wall | CPU | peak RSS | output | wall / floor wall |"
echo "|-------|-----:|----:|---------:|-------:|------------------:|"
for i in "${!LABELS[@]}"; do
	echo "| ${LABELS[$i]} | $(secs "${W[$i]}") | $(secs "${C[$i]}") | $(mb "${R[$i]}") | $(megabytes "${S[$i]}") | $(ratio "${W[$i]}" "${W[0]}") |"
done
