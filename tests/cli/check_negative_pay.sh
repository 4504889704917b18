cp "$DATA/negative_pay.csv" . && "$MUSAWAT" check negative_pay.csv
