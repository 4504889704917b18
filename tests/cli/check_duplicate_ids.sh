cp "$DATA/duplicate_ids.csv" . && "$MUSAWAT" check duplicate_ids.csv
