# An output path equal to an input - directly, through a symbolic link, a
# hard link, another spelling of the path, or an input given with
# --applicants - is refused with exit 2 before anything is read or written;
# the input keeps its bytes (sha256 before and after) and no file appears.
. "$ROOT/tests/cli/_robust_lib.sh"
cp "$DATA/fr_cp1252.csv" in.csv
cp "$DATA/applicants_fr.csv" app.csv
ln -s in.csv link.csv
ln in.csv hard.csv
mkdir sub
sum() { sha256sum "$1" | cut -d' ' -f1; }
s_in=$(sum in.csv); s_app=$(sum app.csv)
expect_run 2 "in.csv: the output path is the input in.csv" "$MUSAWAT" check in.csv --json in.csv
expect_run 2 "link.csv: the output path is the input in.csv" "$MUSAWAT" check in.csv --json link.csv
expect_run 2 "the output path is the input link.csv" "$MUSAWAT" check link.csv --json in.csv
expect_run 2 "hard.csv: the output path is the input in.csv" "$MUSAWAT" check in.csv --json hard.csv
expect_run 2 "sub/../in.csv: the output path is the input in.csv" "$MUSAWAT" check in.csv --json sub/../in.csv
expect_run 2 "in.csv: the output path is the input" "$MUSAWAT" audit in.csv --json x.json -o in.csv
expect_run 2 "link.csv: the output path is the input" "$MUSAWAT" audit in.csv --json link.csv -o x.xlsx
expect_run 2 "app.csv: the output path is the input app.csv" "$MUSAWAT" audit in.csv --applicants app.csv --json app.csv -o x.xlsx
[ "$(sum in.csv)" = "$s_in" ] || bad "in.csv changed"
[ "$(sum app.csv)" = "$s_app" ] || bad "app.csv changed"
[ -L link.csv ] || bad "link.csv is no longer a link"
[ "$(listing .)" = "$(printf 'app.csv\nhard.csv\nin.csv\nlink.csv\nsub')" ] || bad "files written: $(listing .)"
finish "same file: exit 2, inputs untouched"
