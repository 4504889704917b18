# a PNG header: binary garbage
printf "\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020" > image.csv && "$MUSAWAT" check image.csv
