printf "ID;Sex;Salary\n1;F;3000\n" > x.csv && "$MUSAWAT" check --template en x.csv
