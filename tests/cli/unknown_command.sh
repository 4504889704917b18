"$MUSAWAT" frobnicate
