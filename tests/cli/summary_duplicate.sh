# A summary merged twice (directly or inside a staged merge) is refused: its
# figures would be counted twice.
set -e
S="$DATA/summaries"
$MUSAWAT summary --merge -q "$S/atlas.summary.json" "$S/bahia.summary.json" -o ab.json
cd "$S" && $MUSAWAT summary --merge bahia.summary.json "$SCRATCH/ab.json" -o "$SCRATCH/m.json"
