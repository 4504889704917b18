cp "$DATA/unterminated_quote.csv" . && "$MUSAWAT" check unterminated_quote.csv
