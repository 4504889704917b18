cp "$DATA/utf16_odd.txt" . && "$MUSAWAT" check utf16_odd.txt
