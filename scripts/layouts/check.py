#!/usr/bin/env python3
"""Self-check of the generated set: schema/key order, arithmetic, identifiers, and whether every
truth value appears verbatim on one line of `pdftotext -layout` and of the web rendering
(HTML with its tags taken out, or the plain text) (else: wrapped / missing)."""
import html, json, os, re, subprocess, sys, glob
from decimal import Decimal as D, ROUND_HALF_UP
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ids import lt_company_valid, lt_vat_valid, dk_cvr_valid, gb_vat_valid, ie_vat_valid, iban_valid, fi_valid
from fmt import fmt_amt, fmt_date

ROOT = os.path.abspath(next((a for a in sys.argv[1:] if not a.startswith("--")), "layouts-set"))
TOP = ["document_type", "language", "invoice_number", "issue_date", "due_date", "currency", "supplier", "buyer",
       "net_total", "vat_total", "gross_total", "vat_breakdown", "line_items", "payment_reference", "payment_method", "tip"]
SUP = ["name", "company_code", "vat_id", "address", "iban", "swift"]
LI = ["description", "quantity", "unit", "unit_price", "net_amount", "vat_rate"]
r2 = lambda x: x.quantize(D("0.01"), rounding=ROUND_HALF_UP)
AMT = re.compile(r"^-?\d+\.\d\d$")


def ordered(keys, ref):
    idx = [ref.index(k) for k in keys]
    return idx == sorted(idx) and all(k in ref for k in keys)


def check_json(t, discounts=False):
    errs = []
    if not ordered(list(t), TOP):
        errs.append("key order/unknown key")
    for p in ("supplier", "buyer"):
        if p in t and not ordered(list(t[p]), SUP):
            errs.append(p + " key order")
    def walk(o):
        if isinstance(o, dict):
            for v in o.values(): walk(v)
        elif isinstance(o, list):
            for v in o: walk(v)
        elif o is None or o == "":
            errs.append("null/empty value")
    walk(t)
    for k in ("net_total", "vat_total", "gross_total", "tip"):
        if k in t and not AMT.match(t[k]):
            errs.append("amount format " + k)
    rec = t["document_type"] == "receipt"
    per = {}
    for li in t["line_items"]:
        if not ordered(list(li), LI): errs.append("line key order")
        q, p, n = D(li["quantity"]), D(li["unit_price"]), D(li["net_amount"])
        if li["quantity"] != (format(q.normalize(), "f") if q != q.to_integral() else str(int(q))):
            errs.append("quantity trailing zeros %s" % li["quantity"])
        if r2(q * p) != n and not (discounts and abs(n) < abs(q * p) and (n < 0) == (q * p < 0)):
            errs.append("line net %s*%s!=%s" % (q, p, n))
        per[li["vat_rate"]] = per.get(li["vat_rate"], D(0)) + n
    rates = [v["rate"] for v in t["vat_breakdown"]]
    if rates != sorted(rates, key=lambda r: -D(r)): errs.append("vb order")
    if set(rates) != set(per): errs.append("vb rates != line rates")
    for v in t["vat_breakdown"]:
        g = per.get(v["rate"], D(0)); R = D(v["rate"])
        if rec:
            vat = r2(g * R / (100 + R)); net = g - vat
        else:
            net = g; vat = r2(g * R / 100)
        if D(v["net"]) != net or D(v["vat"]) != vat:
            errs.append("vb %s: %s/%s expected %s/%s" % (v["rate"], v["net"], v["vat"], net, vat))
    sn = sum(D(v["net"]) for v in t["vat_breakdown"]); sv = sum(D(v["vat"]) for v in t["vat_breakdown"])
    if D(t["net_total"]) != sn or D(t["vat_total"]) != sv or D(t["gross_total"]) != sn + sv:
        errs.append("totals")
    if t["document_type"] == "credit_note" and D(t["gross_total"]) >= 0: errs.append("credit not negative")
    # identifiers
    lang = t["language"]
    for p in ("supplier", "buyer"):
        e = t.get(p, {})
        cc, v, ib = e.get("company_code"), e.get("vat_id"), e.get("iban")
        if cc and lang == "lt" and not lt_company_valid(cc): errs.append("LT company code " + cc)
        if cc and lang == "da" and not dk_cvr_valid(cc): errs.append("CVR " + cc)
        if v:
            ok = {"LT": lt_vat_valid, "GB": gb_vat_valid, "IE": ie_vat_valid,
                  "DK": lambda x: dk_cvr_valid(x[2:])}[v[:2]](v)
            if not ok: errs.append("VAT id " + v)
        if ib and not iban_valid(ib): errs.append("IBAN " + ib)
    pr = t.get("payment_reference", "")
    if pr.startswith("+") and not fi_valid(pr): errs.append("FI line " + pr)
    return errs


def amount_forms(a):
    x = D(a)
    out = {fmt_amt(x, s) for s in ("lt_space", "lt_plain", "da", "en", "en_plain")}
    if x < 0:
        out |= {"-" + c + f[1:] for f in out for c in "£€"}
    return out


def date_forms(s):
    import datetime as dt
    d = dt.date.fromisoformat(s)
    return {fmt_date(d, k) for k in ("iso", "ltdot", "ltword", "dot", "dash", "daword", "slash", "enlong", "enshort", "endash")}


def qty_forms(q):
    x = D(q)
    out = {q, q.replace(".", ",")}
    for n in (2, 3):
        s = format(x.quantize(D(1).scaleb(-n)), "f")
        if D(s) == x:  # only zero-padding, never a rounded form
            out |= {s, s.replace(".", ",")}
    return out


def spaced(s):
    return {s, " ".join(s[i:i + 4] for i in range(0, len(s), 4))} | (
        {"GB %s %s %s" % (s[2:5], s[5:9], s[9:])} if s.startswith("GB") else set())


def check_text(t, txt):
    lines = [re.sub(r"\s+", " ", l).strip() for l in txt.splitlines()]
    flat = " ".join(l for l in lines if l)
    miss = []

    def look(label, forms):
        forms = set(forms)
        if any(f in l for l in lines for f in forms):
            return
        for f in forms:
            ws = f.split(" ")
            for k in range(1, len(ws)):
                a, b = " ".join(ws[:k]), " ".join(ws[k:])
                for i, l in enumerate(lines):
                    if l.endswith(a) or (" " + a + " ") in (" " + l + " "):
                        if any(b in m for m in lines[i + 1:i + 4]):
                            miss.append("%s: wrapped over 2 lines: %s" % (label, f))
                            return
        if any(f in flat for f in forms):
            miss.append("%s: only across lines (wrapped): %s" % (label, sorted(forms)[0]))
            return
        miss.append("%s: NOT FOUND %s" % (label, sorted(forms)[0]))

    if t["language"] == "lt" and " " in t["invoice_number"] and t["document_type"] != "receipt":
        for part in t["invoice_number"].split(" "):
            look("invoice_number part", [part])
    else:
        look("invoice_number", [t["invoice_number"]])
    look("issue_date", date_forms(t["issue_date"]))
    if "due_date" in t: look("due_date", date_forms(t["due_date"]))
    for p in ("supplier", "buyer"):
        for k, v in t.get(p, {}).items():
            if k == "address":
                for part in v.split(", "):
                    look(p + ".address", [part])
            elif k in ("iban", "vat_id"):
                look(p + "." + k, spaced(v))
            else:
                look(p + "." + k, [v])
    for k in ("net_total", "vat_total", "gross_total"):
        look(k, amount_forms(t[k]))
    for v in t["vat_breakdown"]:
        look("vb.net " + v["rate"], amount_forms(v["net"]))
        look("vb.vat " + v["rate"], amount_forms(v["vat"]))
    for i, li in enumerate(t["line_items"], 1):
        look("line %d description" % i, [li["description"]])
        look("line %d quantity" % i, qty_forms(li["quantity"]))
        if "unit" in li: look("line %d unit" % i, [li["unit"]])
        look("line %d unit_price" % i, amount_forms(li["unit_price"]))
        look("line %d net_amount" % i, amount_forms(li["net_amount"]))
    if "payment_reference" in t: look("payment_reference", [t["payment_reference"]])
    if t.get("tip", "0.00") != "0.00": look("tip", amount_forms(t["tip"]))
    return miss


def web_text(path):
    """The text of a web rendering, one line per block or table row."""
    src = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        return src
    src = re.sub(r"(?is)<(style|title)>.*?</\1>", "", src)
    src = re.sub(r"(?i)<(br|/tr|/p|/div|/dt|/dd|/h\d|/li)\b[^>]*>", "\n", src)
    return html.unescape(re.sub(r"<[^>]+>", " ", src))


def main():
    bad = 0
    layouts = dict(l.split(",")[0::3] for l in open(os.path.join(ROOT, "manifest.csv")).read().split()[1:])
    for js in sorted(glob.glob(os.path.join(ROOT, "pdf", "doc-*.json"))):
        stem = os.path.basename(js)[:-5]
        t = json.load(open(js))
        other = json.load(open(os.path.join(ROOT, "scan", stem + ".json")))
        errs = check_json(t, discounts=layouts.get(stem) == "discount")
        if other != t: errs.append("scan json differs")
        txt = subprocess.run(["pdftotext", "-layout", js[:-5] + ".pdf", "-"], capture_output=True, text=True).stdout
        miss = check_text(t, txt)
        web = glob.glob(os.path.join(ROOT, "web", stem + ".*[lt]"))
        if len(web) != 1: errs.append("no single web rendering")
        else:
            if json.load(open(os.path.join(ROOT, "web", stem + ".json"))) != t: errs.append("web json differs")
            miss += ["web: " + m for m in check_text(t, web_text(web[0]))]
        if errs or miss:
            bad += 1
            print(stem, t["document_type"], t["language"])
            for e in errs: print("   ERROR", e)
            for m in miss: print("   text ", m)
    print("docs with findings:", bad)


if __name__ == "__main__":
    main()
