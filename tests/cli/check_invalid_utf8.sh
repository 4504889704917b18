cp "$DATA/invalid_utf8.csv" . && "$MUSAWAT" check --encoding utf-8 invalid_utf8.csv
