# Every command has --help, printed on stdout with status 0.
set -e
"$MUSAWAT" --help | grep -q '^commands:'
for c in audit check summary benchmark templates demo; do
    "$MUSAWAT" $c --help | grep -q "^usage: musawat $c"
done
