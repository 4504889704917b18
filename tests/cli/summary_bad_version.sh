# A malformed summary is refused with exit 3, naming the file and the field.
cd "$DATA/summaries" && $MUSAWAT summary --merge bahia.summary.json bad_version.summary.json -o "$SCRATCH/m.json"
