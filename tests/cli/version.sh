"$MUSAWAT" --version
