# summary --merge: any order and any staging give the same bytes; the merged
# file lists every employer and is itself a valid summary.
set -e
S="$DATA/summaries"
$MUSAWAT summary --merge -q "$S/atlas.summary.json" "$S/bahia.summary.json" "$S/cedre.summary.json" -o abc.json
$MUSAWAT summary --merge -q "$S/cedre.summary.json" "$S/atlas.summary.json" "$S/bahia.summary.json" -o cab.json
$MUSAWAT summary --merge -q "$S/bahia.summary.json" "$S/cedre.summary.json" -o bc.json
$MUSAWAT summary --merge -q "$S/atlas.summary.json" bc.json -o a_bc.json
$MUSAWAT summary --merge -q "$S/cedre.summary.json" "$S/atlas.summary.json" -o ca.json
$MUSAWAT summary --merge -q ca.json "$S/bahia.summary.json" -o ca_b.json
cmp abc.json cab.json
cmp abc.json a_bc.json
cmp abc.json ca_b.json
$MUSAWAT summary --merge -q abc.json -o again.json
cmp abc.json again.json
grep -c '"name": ' abc.json
