cp "$DATA/missing_sex.csv" . && "$MUSAWAT" check missing_sex.csv
