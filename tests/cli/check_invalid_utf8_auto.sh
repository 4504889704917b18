# not valid UTF-8, so read as Windows-1252 (morocco.md §2.5)
cp "$DATA/invalid_utf8.csv" . && "$MUSAWAT" check invalid_utf8.csv
