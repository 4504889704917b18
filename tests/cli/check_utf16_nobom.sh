cp "$DATA/utf16_nobom.txt" . && "$MUSAWAT" check utf16_nobom.txt
