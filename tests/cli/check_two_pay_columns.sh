cp "$DATA/two_pay_columns.csv" . && "$MUSAWAT" check two_pay_columns.csv
