cp "$DATA/empty.csv" . && "$MUSAWAT" check empty.csv
