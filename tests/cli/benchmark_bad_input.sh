# A malformed summary stops the benchmark (exit 3) and writes nothing.
cd "$DATA/summaries" && $MUSAWAT benchmark atlas.summary.json negative_count.summary.json -o "$SCRATCH/b.xlsx"
rc=$?
test ! -e "$SCRATCH/b.xlsx" || exit 9
exit $rc
