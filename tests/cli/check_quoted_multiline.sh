cp "$DATA/quoted_multiline.csv" . && "$MUSAWAT" check quoted_multiline.csv
