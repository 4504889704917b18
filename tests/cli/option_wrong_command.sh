"$MUSAWAT" check --summary s.json x.csv
