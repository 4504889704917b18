# built-in templates, sorted by file name, each with the fields it recognises
"$MUSAWAT" templates > out.txt || exit 1
grep -q "^fr-generic - " out.txt || exit 1
grep -q "^ar-generic - " out.txt || exit 1
grep -q "^en-generic - " out.txt || exit 1
grep -q "^applicants-fr - " out.txt || exit 1
grep -A1 "^fr-generic - " out.txt | grep -q "fields: .*employee_id sex .*base_pay .*cnss_number" && exit 1
grep -A1 "^fr-generic - " out.txt | grep -q "fields: cnss_number cin employee_id sex base_pay_annual base_pay" || exit 1
# --template FILE adds a user file to the list
printf "name\tmine\ndescription\tMy export\nfield\tsex\tsx\n" > mine.tsv
"$MUSAWAT" templates --template mine.tsv | grep -A1 "^mine - My export" | grep -q "fields: sex"
