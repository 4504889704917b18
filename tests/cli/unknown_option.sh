"$MUSAWAT" audit --frobnicate x.csv
