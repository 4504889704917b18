# --focus must name an employer of the summaries (usage error, exit 2).
$MUSAWAT benchmark -q --focus "Nobody" "$DATA/summaries/atlas.summary.json" -o b.xlsx
