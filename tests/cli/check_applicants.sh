cp "$DATA/applicants_fr.csv" "$DATA/fr_cp1252.csv" . && "$MUSAWAT" check fr_cp1252.csv --applicants applicants_fr.csv
