cp "$DATA/header_only.csv" . && "$MUSAWAT" check header_only.csv
