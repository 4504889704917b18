cp "$DATA/utf16le.txt" . && "$MUSAWAT" check utf16le.txt
