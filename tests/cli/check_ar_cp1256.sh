cp "$DATA/ar_cp1256.csv" . && "$MUSAWAT" check ar_cp1256.csv
