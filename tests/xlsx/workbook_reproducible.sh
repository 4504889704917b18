# Same results, same bytes: two runs in two folders give identical workbooks.
set -e
mkdir a b
(cd a && "$TOOLS/wbfixture" audit.xlsx audit.json --lang ar)
(cd b && "$TOOLS/wbfixture" audit.xlsx audit.json --lang ar)
cmp a/audit.xlsx b/audit.xlsx
cmp a/audit.json b/audit.json
test -z "$(ls a | grep tmp)"
