# An output in a folder that does not exist: exit 4, nothing written.
$MUSAWAT benchmark -q "$DATA/summaries/atlas.summary.json" -o no/such/dir/b.xlsx
