# The benchmark workbook: every pooled figure has a defined name sector_<id>
# pointing at its cell, the focus chart is there, --lang ar gives Arabic sheet
# names and right-to-left sheets, and the same inputs give the same bytes.
set -e
S="$DATA/summaries"
IN="$S/atlas.summary.json $S/bahia.summary.json $S/cedre.summary.json"
$MUSAWAT benchmark -q --focus "Cedre Conserves" --by sector $IN -o fr.xlsx --json fr.json
$MUSAWAT benchmark -q --focus "Cedre Conserves" --by sector $IN -o fr2.xlsx
cmp fr.xlsx fr2.xlsx
unzip -p fr.xlsx xl/workbook.xml > wb.xml
for id in employers headcount women_share_pct pay_gap_mean_pct pay_gap_median_pct quartile4_women_pct \
          promotion_rate_ratio; do
    grep -q "<definedName name=\"sector_$id\">'Secteur'!\\\$B\\\$[0-9]*</definedName>" wb.xml || { echo "no sector_$id"; exit 1; }
done
# the cell named sector_headcount holds the pooled headcount (49)
row=$(sed -n 's/.*<definedName name="sector_headcount">.Secteur.!\$B\$\([0-9]*\)<.*/\1/p' wb.xml)
unzip -p fr.xlsx xl/worksheets/sheet1.xml | grep -q "<c r=\"B$row\" s=\"[0-9]*\"><v>49</v></c>"
unzip -l fr.xlsx | grep -q 'xl/charts/chart2.xml'
grep -q '<sheet name="Distribution"' wb.xml
grep -q '<sheet name="Groupes"' wb.xml
$MUSAWAT benchmark -q --lang ar $IN -o ar.xlsx
unzip -p ar.xlsx xl/workbook.xml > ar.xml
grep -q '<sheet name="القطاع"' ar.xml
grep -q "sector_pay_gap_mean_pct\">'القطاع'" ar.xml
unzip -p ar.xlsx xl/worksheets/sheet1.xml | grep -q 'rightToLeft="1"'
$MUSAWAT benchmark -q --lang en $IN -o en.xlsx
unzip -p en.xlsx xl/workbook.xml | grep -q '<sheet name="Sector"'
unzip -p en.xlsx docProps/core.xml | grep -q '2026-01-01T00:00:00Z'
echo ok
