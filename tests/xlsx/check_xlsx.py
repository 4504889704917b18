#!/usr/bin/env python3
"""Open an audit workbook (zip + XML, stdlib only) and check it against its
JSON twin and the label tables.

usage: check_xlsx.py BOOK.xlsx BOOK.json --lang fr|ar|en --templates DIR
                     [--sparse] [--findings-shown N] [--findings-more N]
                     [--input-strings S,S] [--no-invalid-utf8] [--codes-from-json]
--input-strings: input texts that must be stored as strings (default: the
fixture's "=1+1,@SUM(A1)"; empty: none). --no-invalid-utf8: the input had no
invalid UTF-8 to replace. --codes-from-json: count the findings listed on the
data-quality sheet by the codes of the JSON findings (a real audit's codes).
Prints one line per failed check and exits 1 when any failed.
"""
import argparse
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
SHEET_KEYS = ["summary", "workforce", "pay", "equal_value", "egapro", "adjusted",
              "promotions", "hiring", "quality", "method"]
FAILS = []


def fail(msg):
    FAILS.append(msg)
    print("FAIL: " + msg)


def labels(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                k, t = line.split("\t", 1)
                out[k] = t
    return out


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_ref(ref):
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref)
    return int(m.group(2)) - 1, col_index(m.group(1))


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        self.xml = {}
        for n in self.z.namelist():
            if n.endswith(".xml") or n.endswith(".rels") or n.endswith(".vml"):
                data = self.z.read(n)
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    fail("%s is not UTF-8" % n)
                self.xml[n] = data
                if not n.endswith(".vml"):
                    try:
                        ET.fromstring(data)
                    except ET.ParseError as e:
                        fail("%s does not parse: %s" % (n, e))
        wb = ET.fromstring(self.xml["xl/workbook.xml"])
        rels = ET.fromstring(self.xml["xl/_rels/workbook.xml.rels"])
        target = {r.get("Id"): "xl/" + r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        self.sheets = []        # (name, part)
        for s in wb.find("m:sheets", NS):
            self.sheets.append((s.get("name"), target[s.get("{%s}id" % NS["r"])]))
        self.names = {}
        dn = wb.find("m:definedNames", NS)
        for d in (dn if dn is not None else []):
            self.names.setdefault(d.get("name"), []).append(d.text)
        self.sst = []
        if "xl/sharedStrings.xml" in self.xml:
            for si in ET.fromstring(self.xml["xl/sharedStrings.xml"]).findall("m:si", NS):
                self.sst.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        st = ET.fromstring(self.xml["xl/styles.xml"])
        fmts = {int(n.get("numFmtId")): n.get("formatCode") for n in st.iter("{%s}numFmt" % NS["m"])}
        builtin = {0: "General", 3: "#,##0", 4: "#,##0.00", 10: "0.00%", 2: "0.00", 1: "0"}
        self.xf_fmt = []
        for xf in st.find("m:cellXfs", NS):
            i = int(xf.get("numFmtId", "0"))
            self.xf_fmt.append(fmts.get(i, builtin.get(i, "builtin%d" % i)))
        self.cells = {}
        for name, part in self.sheets:
            grid = {}
            for c in ET.fromstring(self.xml[part]).iter("{%s}c" % NS["m"]):
                grid[parse_ref(c.get("r"))] = c
            self.cells[name] = grid

    def text(self, c):
        if c is None:
            return None
        v = c.find("m:v", NS)
        if c.get("t") == "s" and v is not None:
            return self.sst[int(v.text)]
        if c.get("t") == "inlineStr":
            return "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
        return None

    def number(self, c):
        v = c.find("m:v", NS) if c is not None else None
        if c is None or c.get("t") not in (None, "n") or v is None:
            return None
        return float(v.text)

    def fmt(self, c):
        return self.xf_fmt[int(c.get("s", "0"))]

    def resolve(self, formula):
        m = re.fullmatch(r"'((?:[^']|'')+)'!(\$[A-Z]+\$\d+)", formula)
        if not m:
            return None, None
        sheet = m.group(1).replace("''", "'")
        return sheet, self.cells.get(sheet, {}).get(parse_ref(m.group(2)))


def check_sheets(b, lab, lang):
    want = [lab["sheet." + k] for k in SHEET_KEYS]
    got = [n for n, _ in b.sheets]
    if got != want:
        fail("sheet names %r, expected %r" % (got, want))
    for name, part in b.sheets:
        sv = ET.fromstring(b.xml[part]).find("m:sheetViews/m:sheetView", NS)
        rtl = sv is not None and sv.get("rightToLeft") == "1"
        if rtl != (lang == "ar"):
            fail("sheet %s: rightToLeft=%s for lang %s" % (name, rtl, lang))
        ps = ET.fromstring(b.xml[part]).find("m:pageSetup", NS)
        if ps is None or ps.get("orientation") != "landscape" or ps.get("paperSize") != "9":
            fail("sheet %s: not A4 landscape" % name)
        foot = ET.fromstring(b.xml[part]).find("m:headerFooter/m:oddFooter", NS)
        if foot is None or "&P" not in foot.text:
            fail("sheet %s: no page number in the footer" % name)


def same_number(cell_value, json_value):
    # libxlsxwriter 1.1.4 (no dtoa) writes 16 significant digits
    return cell_value == float("%.16G" % json_value)


def check_names(b, j):
    metrics = j["metrics"]
    for mid, val in metrics.items():
        refs = b.names.get(mid)
        if not refs:
            fail("metric %s has no defined name" % mid)
            continue
        if len(refs) != 1:
            fail("metric %s has %d defined names" % (mid, len(refs)))
        sheet, c = b.resolve(refs[0])
        if c is None:
            fail("defined name %s -> %s points at no written cell" % (mid, refs[0]))
            continue
        if val is None:
            if b.text(c) != "NC":
                fail("%s is null in JSON but the cell shows %r" % (mid, b.text(c)))
        elif isinstance(val, bool):
            n = b.number(c)
            if n != (1.0 if val else 0.0) or not b.fmt(c).startswith('"'):
                fail("%s: boolean %s but cell %r format %r" % (mid, val, n, b.fmt(c)))
        elif isinstance(val, (int, float)):
            n = b.number(c)
            if n is None or not same_number(n, val):
                fail("%s: JSON %r, cell %r" % (mid, val, n))
        elif isinstance(val, str):
            if b.text(c) != val:
                fail("%s: JSON %r, cell %r" % (mid, val, b.text(c)))
    for name in b.names:
        if not name.startswith("_xlnm.") and name not in metrics:
            fail("defined name %s is not a metric id" % name)


def check_formats(b, j):
    want = {"pay_gap_mean_pct": "0.0;[Blue]-0.0", "headcount": "#,##0", "women_share_pct": "0.0",
            "adjusted_gap_p": "0.0000", "promotion_impact_ratio": "0.000"}
    for mid, code in want.items():
        if mid not in j["metrics"] or j["metrics"][mid] is None:
            continue
        _, c = b.resolve(b.names[mid][0])
        if b.fmt(c) != code:
            fail("%s: number format %r, expected %r" % (mid, b.fmt(c), code))


def check_tables(b, lab, j):
    seen = set()
    money_checked = False
    by_part = {}
    for name, part in b.sheets:
        rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if rels in b.xml:
            for r in ET.fromstring(b.xml[rels]).findall("rel:Relationship", NS):
                if r.get("Target").startswith("../tables/"):
                    by_part["xl/tables/" + r.get("Target")[10:]] = name
    for part, sheet in by_part.items():
        t = ET.fromstring(b.xml[part])
        tname = t.get("name")
        if " " in tname or tname.lower() in seen:
            fail("table name %r has a space or is not unique" % tname)
        seen.add(tname.lower())
        a, z = t.get("ref").split(":")
        (r0, c0), (r1, c1) = parse_ref(a), parse_ref(z)
        cols = [tc.get("name") for tc in t.find("m:tableColumns", NS)]
        heads = [b.text(b.cells[sheet].get((r0, c))) for c in range(c0, c1 + 1)]
        if cols != heads:
            fail("table %s: columns %r but header cells %r" % (tname, cols, heads))
        if len({c.lower() for c in cols}) != len(cols):
            fail("table %s: duplicate column names" % tname)
        raw = [h for h in heads if h and re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+( \(%\))?", h)]
        if raw:
            fail("table %s: untranslated column ids %r" % (tname, raw))
        money = lab.get("col.mean_women")
        if money in heads:
            c = b.cells[sheet].get((r0 + 1, c0 + heads.index(money)))
            if b.number(c) is not None and b.fmt(c) != "#,##0.00":
                fail("table %s: money column format %r" % (tname, b.fmt(c)))
            money_checked = money_checked or b.number(c) is not None
        for k, h in enumerate(heads):
            if h and h.endswith("(%)"):
                c = b.cells[sheet].get((r0 + 1, c0 + k))
                if b.number(c) is not None and not b.fmt(c).startswith("0.0"):
                    fail("table %s: percent column %r format %r" % (tname, h, b.fmt(c)))
    if not by_part:
        fail("no Excel table in the workbook")
    if not money_checked:
        fail("no money column was found to check")


def check_safety(b, j, strings=("=1+1", "@SUM(A1)"), invalid_utf8=True):
    for name, part in b.sheets:
        x = b.xml[part].decode("utf-8")
        if "<f>" in x or "<f " in x:
            fail("sheet %s holds a formula cell" % name)
        for v in re.findall(r"<v>([^<]*)</v>", x):
            if "," in v:
                fail("sheet %s: a <v> holds a comma: %r" % (name, v))
    for s in strings:
        if s not in b.sst:
            fail("input text %r is not stored as a string" % s)
    bad = [s for s in b.sst if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", s)]
    if bad:
        fail("control characters reached a cell: %r" % bad[:3])
    if invalid_utf8 and not any("\ufffd" in s for s in b.sst):
        fail("invalid UTF-8 from an input was not replaced by U+FFFD")
    if "< %d" % j["options"]["min_cell"] not in b.sst:
        fail("no suppressed cell shows '< N'")


def check_properties(b, j):
    core = b.xml["docProps/core.xml"].decode("utf-8")
    if "musawat " + j["tool"]["version"] not in core:
        fail("core.xml author is not musawat X.Y.Z")
    if "<dcterms:created" not in core or "2026-01-01T00:00:00Z" not in core:
        fail("core.xml created date is not the fixed date")
    custom = b.xml.get("docProps/custom.xml", b"").decode("utf-8")
    for want in ["musawat.audit/1", j["period"]["start"] + ":" + j["period"]["end"]] + \
            [i["sha256"] for i in j["inputs"]]:
        if want not in custom:
            fail("custom properties lack %r" % want)


FIXTURE_CODES = ("negative_pay", "bad_number", "missing_sex", "formula_text", "bad_date", "zero_pay")


def check_findings(b, lab, shown, more, codes=FIXTURE_CODES):
    q = lab["sheet.quality"]
    rows = [r for (r, c), cell in b.cells[q].items() if c == 4 and b.text(cell) in codes]
    if len(rows) != shown:
        fail("data-quality sheet lists %d findings, expected %d" % (len(rows), shown))
    line = [s for s in b.sst if s.startswith(lab["quality.more_findings"])]
    if more:
        if not line or not line[0].endswith(" %d" % more):
            fail("no line saying %d more findings exist: %r" % (more, line))
    elif line:
        fail("a 'more findings' line appears with nothing more")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("xlsx")
    ap.add_argument("json")
    ap.add_argument("--lang", required=True)
    ap.add_argument("--templates", required=True)
    ap.add_argument("--sparse", action="store_true")
    ap.add_argument("--findings-shown", type=int, default=8)
    ap.add_argument("--findings-more", type=int, default=0)
    ap.add_argument("--input-strings", default="=1+1,@SUM(A1)")
    ap.add_argument("--no-invalid-utf8", action="store_true")
    ap.add_argument("--codes-from-json", action="store_true")
    a = ap.parse_args()
    lab = labels("%s/labels/%s.tsv" % (a.templates, a.lang))
    with open(a.json, encoding="utf-8") as f:
        j = json.load(f)
    b = Book(a.xlsx)
    check_sheets(b, lab, a.lang)
    check_names(b, j)
    check_formats(b, j)
    check_tables(b, lab, j)
    check_safety(b, j, [s for s in a.input_strings.split(",") if s], not a.no_invalid_utf8)
    check_properties(b, j)
    codes = {f["code"] for f in j["findings"]} if a.codes_from_json else FIXTURE_CODES
    check_findings(b, lab, a.findings_shown, a.findings_more, codes)
    if a.sparse:
        for key in ("absent.egapro", "absent.hiring", "absent.hiring_funnel", "absent.regression_coefficients"):
            if lab[key] not in b.sst:
                fail("sparse workbook lacks the line %s" % key)
    print("%s: %d failures" % (a.xlsx, len(FAILS)))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
