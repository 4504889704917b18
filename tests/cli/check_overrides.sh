# --delimiter and --encoding given explicitly
printf "Matricule|Sexe|Cat\351gorie|Salaire\n1|F|Employ\351|3000\n" > x.csv && "$MUSAWAT" check --delimiter "|" --encoding cp1252 x.csv
