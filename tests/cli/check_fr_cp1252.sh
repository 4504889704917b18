cp "$DATA/fr_cp1252.csv" . && "$MUSAWAT" check fr_cp1252.csv
