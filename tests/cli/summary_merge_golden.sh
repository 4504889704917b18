# The merged summary of two employers, byte for byte (format stability).
set -e
$MUSAWAT summary --merge -q "$DATA/summaries/bahia.summary.json" "$DATA/summaries/cedre.summary.json" -o m.json
cat m.json
