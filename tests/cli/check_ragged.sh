cp "$DATA/ragged.csv" . && "$MUSAWAT" check ragged.csv
