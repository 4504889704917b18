# a header with thousands of columns is not an HR extract
yes "x;" | head -n 10000 | tr -d "\n" > wide.csv && printf "\n1\n" >> wide.csv && "$MUSAWAT" check wide.csv
