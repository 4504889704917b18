cp "$DATA/sex_numeric.csv" . && "$MUSAWAT" check sex_numeric.csv
