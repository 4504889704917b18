cp "$DATA/ar_utf8.csv" . && "$MUSAWAT" check ar_utf8.csv
