# An output in a missing folder, or an output path that is a folder: exit 4,
# nothing written anywhere (not even the other outputs of the run).
. "$ROOT/tests/cli/_robust_lib.sh"
mkdir outdir
expect_run 4 "the output folder nodir does not exist" "$MUSAWAT" check "$DATA/fr_cp1252.csv" --json nodir/c.json
expect_run 4 "the output folder nodir does not exist" \
    "$MUSAWAT" audit "$DATA/egapro_walkthrough_a.csv" --json x.json -o nodir/x.xlsx
expect_run 4 "the output folder nodir/deeper does not exist" \
    "$MUSAWAT" audit "$DATA/egapro_walkthrough_a.csv" --json nodir/deeper/x.json -o x.xlsx
expect_run 4 "outdir: the output path is a folder" "$MUSAWAT" check "$DATA/fr_cp1252.csv" --json outdir
expect_run 4 "outdir: the output path is a folder" "$MUSAWAT" audit "$DATA/egapro_walkthrough_a.csv" --json x.json -o outdir
[ "$(listing .)" = outdir ] || bad "files written: $(listing .)"
[ -z "$(listing outdir)" ] || bad "files written in outdir: $(listing outdir)"
finish "output folder: exit 4, nothing written"
