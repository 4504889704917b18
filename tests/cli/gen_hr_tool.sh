# gen_hr writes the two extracts, prints their paths, and is deterministic.
set -e
"$TOOLS/gen_hr" a 120 7 >paths
"$TOOLS/gen_hr" b 120 7 >/dev/null
"$TOOLS/gen_hr" c 120 8 --no-applicants >pathsc
cmp a/demo_personnel.csv b/demo_personnel.csv
cmp a/demo_candidatures.csv b/demo_candidatures.csv
! cmp -s a/demo_personnel.csv c/demo_personnel.csv
test ! -e c/demo_candidatures.csv
test "$(wc -l <a/demo_personnel.csv)" -eq 121
test "$(wc -l <a/demo_candidatures.csv)" -eq 3001
test "$(wc -l <pathsc)" -eq 1
cat paths
