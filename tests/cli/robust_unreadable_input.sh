# Inputs that cannot be read end with exit 3 and a message naming the file:
# a folder, a missing file, a FIFO (read once it would be empty the next
# time: refused before it is opened, so nothing blocks), a file whose read
# fails (/proc/self/mem: EIO), and a file without read permission (only when
# not running as root, who can read it anyway). No output is written.
. "$ROOT/tests/cli/_robust_lib.sh"
mkdir adir
mkfifo apipe
expect_run 3 "adir: this is a folder, not a file" "$MUSAWAT" check adir --json out.json
expect_run 3 "nothere.csv: cannot open the file: No such file or directory" "$MUSAWAT" check nothere.csv --json out.json
expect_run 3 "apipe: not a regular file" timeout 20 "$MUSAWAT" check apipe --json out.json
expect_run 3 "/proc/self/mem: cannot read the file" "$MUSAWAT" check /proc/self/mem --json out.json
expect_run 3 "adir: this is a folder, not a file" "$MUSAWAT" audit adir --json out.json -o out.xlsx
expect_run 3 "apipe: not a regular file" timeout 20 "$MUSAWAT" audit apipe --json out.json -o out.xlsx
expect_run 3 "nothere.csv: cannot open the file" "$MUSAWAT" audit "$DATA/fr_cp1252.csv" --applicants nothere.csv --json out.json -o out.xlsx
cp "$DATA/fr_cp1252.csv" locked.csv
chmod 000 locked.csv
if [ "$(id -u)" != 0 ]; then
    expect_run 3 "locked.csv: cannot open the file: Permission denied" "$MUSAWAT" check locked.csv --json out.json
fi
chmod 644 locked.csv
[ "$(listing .)" = "$(printf 'adir\napipe\nlocked.csv')" ] || bad "files left behind: $(listing .)"
finish "unreadable inputs: exit 3, file named, nothing written"
