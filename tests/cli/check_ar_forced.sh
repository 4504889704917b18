# a hand-written Arabic cp1256 extract read with the encoding forced
cp "$DATA/ar_cp1256.csv" . && "$MUSAWAT" check --encoding cp1256 --template ar ar_cp1256.csv
