cp "$DATA/en_utf8_bom.csv" . && "$MUSAWAT" check en_utf8_bom.csv
