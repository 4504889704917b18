"$MUSAWAT" check --json out.json "$DATA/duplicate_ids.csv" >/dev/null || exit 1
grep -c "\"code\": \"duplicate_id\"" out.json
grep "\"rows_read\"" out.json
! grep -q "\"value\": \"1\"" out.json
