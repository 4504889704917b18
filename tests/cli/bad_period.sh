"$MUSAWAT" audit --period 2025-13-01:2025-12-31 x.csv
