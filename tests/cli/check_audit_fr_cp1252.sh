# audit reads the French cp1252 extract end to end (later stages may still be stubs)
cp "$DATA/fr_cp1252.csv" .
"$MUSAWAT" audit fr_cp1252.csv --period 2025 --json a.json -o a.xlsx 2>err.txt
grep -q "fr_cp1252.csv (workforce): 30 rows read, 30 accepted, 0 rejected" err.txt || { cat err.txt; exit 1; }
grep -q "\"rows_accepted\": 30" a.json
