# `make help` lists every target of the Makefile, one line each.
set -e
out=$(make -s -C "$ROOT" help)
for t in all demo test check valgrind bench fuzz lint install uninstall clean help deps; do
    echo "$out" | grep -q "^  $t: " || { echo "make help does not list $t"; exit 1; }
done
[ "$(echo "$out" | grep -c 'Makefile:')" = 0 ] || { echo "make help prints file names"; exit 1; }
