printf "Matricule;Sexe;Salaire\n1;F;3000\n2;M;31\00000\n" > nul.csv && "$MUSAWAT" check nul.csv
