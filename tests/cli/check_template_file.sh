# a user template given as a file
printf "name\tpaie-x\ndescription\tPaie X\nkind\tworkforce\nfield\temployee_id\tagent\nfield\tsex\tsx\nfield\tbase_pay\tmontant\n" > paie-x.tsv
printf "Agent,SX,Montant,Autre\n7,F,3000.50,z\n" > x.csv && "$MUSAWAT" check --template paie-x.tsv x.csv
