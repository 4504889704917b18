cp "$DATA/two_pay_columns.csv" . && "$MUSAWAT" check --map "base_pay=Salaire mensuel" two_pay_columns.csv
