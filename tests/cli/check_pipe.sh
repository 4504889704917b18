cp "$DATA/pipe_delim.csv" . && "$MUSAWAT" check pipe_delim.csv
