# A JSON output whose write fails (/dev/full: ENOSPC) ends with exit 4 and a
# message naming the path and the cause; the device is written in place,
# never replaced by a rename, and no temporary file is left in /dev or here.
. "$ROOT/tests/cli/_robust_lib.sh"
[ -c /dev/full ] || { echo "FAIL: /dev/full is not a character device on this system" >&2; exit 1; }
before=$(listing /dev | grep -c 'full')
expect_run 4 "/dev/full: write failed: No space left on device" "$MUSAWAT" check "$DATA/fr_cp1252.csv" --json /dev/full
expect_run 4 "/dev/full: write failed: No space left on device" \
    "$MUSAWAT" audit "$DATA/egapro_walkthrough_a.csv" --json /dev/full -o x.xlsx
[ -c /dev/full ] || bad "/dev/full is no longer a character device"
[ "$(listing /dev | grep -c 'full')" = "$before" ] || bad "a temporary file was left in /dev: $(listing /dev | grep full)"
# through a symbolic link: written through it, the link kept
ln -s /dev/full full.json
expect_run 4 "full.json: write failed: No space left on device" "$MUSAWAT" check "$DATA/fr_cp1252.csv" --json full.json
[ -L full.json ] || bad "the link full.json was replaced"
[ "$(listing .)" = "full.json" ] || bad "files left behind: $(listing .)"
# a workbook cannot be written to a device: refused, not renamed over it
"$MUSAWAT" audit "$DATA/egapro_walkthrough_a.csv" -o /dev/full >/dev/null 2>run.err
rc=$?
[ "$rc" = 4 ] || [ "$rc" = 5 ] || bad "workbook to /dev/full: exit $rc"
[ -c /dev/full ] || bad "/dev/full replaced by the workbook writer"
rm -f run.err
[ -z "$(listing .| grep -v full.json)" ] || bad "files left behind: $(listing .)"
finish "dev-full: exit 4, nothing left behind"
