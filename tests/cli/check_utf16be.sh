cp "$DATA/utf16be.txt" . && "$MUSAWAT" check utf16be.txt
