# a header cell over 64 KiB makes the file unusable
{ printf "Matricule;Sexe;Salaire;"; head -c 70000 /dev/zero | tr "\0" "y"; printf "\n1;F;3000;a\n"; } > longh.csv
"$MUSAWAT" check longh.csv
