cp "$DATA/sex_numeric.csv" . && "$MUSAWAT" check --map-value sex:1=M,2=F sex_numeric.csv
