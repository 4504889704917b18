# a 100 000-character field: that row is rejected, the others are read
{ printf "Matricule;Sexe;Salaire;Emploi\n1;F;3000;Agent\n2;M;3100;"; head -c 100000 /dev/zero | tr "\0" "x"; printf "\n3;F;3200;Agent\n"; } > long.csv
"$MUSAWAT" check long.csv
