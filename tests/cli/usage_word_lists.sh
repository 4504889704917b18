# Options that take one of a few words name every accepted word when given
# another (the message is built from the table the option is checked
# against), and the run ends with exit 2.
for a in "audit --lang de" "audit --model x" "audit --encoding latin1" "audit --egapro-levels x" "audit --equal-value-by x" "benchmark --by x"; do
    rc=0
    # shellcheck disable=SC2086  # $a is a command line
    "$MUSAWAT" $a f.csv 2>err.txt || rc=$?
    head -1 err.txt
    test "$rc" = 2 || exit 1
done
