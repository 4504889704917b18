# Privacy of summaries: every summary this test writes (and every fixture)
# carries no identifier, name, CIN, CNSS number, birth date or single
# person's pay, and no table row under min_cell (5).
set -u
S="$DATA/summaries"
$MUSAWAT summary --merge -q "$S/atlas.summary.json" "$S/bahia.summary.json" "$S/cedre.summary.json" -o merged.json || exit 1

cat > extract.csv <<'CSV'
Matricule;Nom;Prénom;CIN;N° CNSS;Sexe;Date de naissance;Date d'embauche;Catégorie;Salaire de base;Taux d'activité
ZX-1001;Alaoui;Samira;BK334455;117223344;F;12/03/1986;01/09/2015;Cadres;18250.37;1
ZX-1002;Bennani;Karim;BE778899;118334455;M;04/07/1979;15/01/2010;Cadres;21011.53;1
ZX-1003;Chraibi;Nadia;BJ112233;119445566;F;23/11/1990;01/02/2018;Cadres;17333.19;1
ZX-1004;Daoudi;Youssef;BH445566;120556677;M;30/01/1984;01/06/2012;Cadres;19876.41;1
ZX-1005;El Fassi;Imane;BK998877;121667788;F;09/09/1992;01/03/2019;Cadres;16444.83;1
ZX-1006;Filali;Omar;BE556677;122778899;M;17/05/1975;01/04/2008;Cadres;24567.29;1
ZX-1007;Ghazali;Leila;BJ667788;123889900;F;02/02/1988;01/10/2016;Cadres;18999.61;1
ZX-1008;Hajji;Mehdi;BH778899;124990011;M;21/12/1981;01/07/2011;Cadres;20456.77;1
ZX-1009;Idrissi;Salma;BK889900;125001122;F;14/06/1993;01/01/2020;Cadres;15888.13;1
ZX-1010;Jabri;Hamza;BE990011;126112233;M;08/08/1977;01/05/2009;Cadres;22789.97;1
ZX-1011;Kettani;Rachid;BJ001122;127223344;M;25/04/1968;01/03/2001;Direction;65432.11;1
CSV
out=$($MUSAWAT summary -q --period 2025 --employer "Privacy Test" \
    --map employee_id=Matricule --map name=Nom --map first_name=Prénom --map cin=CIN \
    --map cnss_number="N° CNSS" --map sex=Sexe --map birth_date="Date de naissance" \
    --map hire_date="Date d'embauche" --map category=Catégorie --map base_pay="Salaire de base" \
    --map fte="Taux d'activité" extract.csv -o extract.summary.json 2>&1)
rc=$?
if [ $rc -ne 0 ]; then echo "$out"; exit 1; fi

fail=0
for f in "$S"/atlas.summary.json "$S"/bahia.summary.json "$S"/cedre.summary.json merged.json extract.summary.json; do
    [ -f "$f" ] || { echo "missing $f"; fail=1; continue; }
    for word in ZX-10 Alaoui Bennani Kettani Samira Rachid BK334455 BJ001122 117223344 127223344 \
                1986-03-12 1968-04-25 12/03/1986 21900444 219004.44 78518532 785185.32 \
                employee_id first_name '"cin"' cnss birth matricule; do
        if grep -qi -- "$word" "$f"; then echo "$f: contains $word"; fail=1; fi
    done
    # every table row (after "tables") has headcount >= 5 and paid 0 or >= 5
    awk '/"tables": \{/ {t = 1} /"histograms"/ {t = 0}
         t && /"(headcount|paid)": / { v = $2; sub(",", "", v); if (v + 0 > 0 && v + 0 < 5) { print FILENAME ": row under min_cell: " $0; bad = 1 } }
         END { exit bad }' "$f" || fail=1
done
# the Direction man (one person) must not appear as a row of his own: his
# group is folded into the men's "other" row together with the smallest
# group still shown, so nobody has to be left out
if [ -f extract.summary.json ]; then
    grep -q '"Direction"' extract.summary.json && { echo "a one-person group is shown"; fail=1; }
    grep -q '"M": 0' extract.summary.json || { echo "someone was left out although folding could keep them"; fail=1; }
    grep -q '"other": true' extract.summary.json || { echo "no other row"; fail=1; }
fi
exit $fail
