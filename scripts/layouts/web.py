# -*- coding: utf-8 -*-
"""The same documents as sent by e-mail or shown in a web portal: invoices as
HTML pages, receipts as plain text (a till's e-mailed copy, monospaced).

Both are drawn from the document `gen.py` built, with the same truth, so the
three renderings of one document can be compared. No random numbers are
drawn here beyond a per-document choice of style made from its index, so the
PDF and scan sets do not change when this module does.
"""
import html

from fmt import fmt_amt, fmt_date, fmt_qty, fmt_rate

H = html.escape

LAB = {
    "lt": dict(title="PVM SĄSKAITA FAKTŪRA", credit="KREDITINĖ PVM SĄSKAITA FAKTŪRA", no="Serija ir numeris",
               date="Išrašymo data", due="Apmokėti iki", seller="Pardavėjas", buyer="Pirkėjas",
               code="Įmonės kodas", vat="PVM mokėtojo kodas", desc="Prekės ar paslaugos pavadinimas",
               qty="Kiekis", unit="Mato vnt.", price="Kaina be PVM", rate="PVM %", amount="Suma be PVM",
               net="Suma be PVM", vatline="PVM %s %% nuo %s", gross="Iš viso su PVM", bank="Banko sąskaita",
               swift="SWIFT", ref="Įmokos kodas", orig="Koreguojama sąskaita", disc="Nuolaida"),
    "da": dict(title="FAKTURA", credit="KREDITNOTA", no="Fakturanummer", date="Fakturadato", due="Betales senest",
               seller="Leverandør", buyer="Faktureres til", code="CVR-nr.", vat="Momsnr.", desc="Beskrivelse",
               qty="Antal", unit="Enhed", price="Stykpris", rate="Moms", amount="Beløb", net="Subtotal",
               vatline="Moms %s %% af %s", gross="At betale DKK", bank="IBAN", swift="SWIFT/BIC", ref="Indbetaling",
               orig="Vedrørende faktura", disc="Rabat"),
    "en": dict(title="INVOICE", credit="CREDIT NOTE", no="Invoice number", date="Invoice date", due="Due date",
               seller="From", buyer="Invoice to", code="Company No.", vat="VAT No.", desc="Description",
               qty="Quantity", unit="Unit", price="Unit price", rate="VAT", amount="Amount", net="Subtotal",
               vatline="VAT @ %s%% on %s", gross="Total due", bank="IBAN", swift="BIC", ref="Payment reference",
               orig="Credit for invoice", disc="Discount"),
}

CSS = """body{font-family:Arial,sans-serif;font-size:13px;color:#222;margin:24px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:15px;margin:0 0 4px}
table{border-collapse:collapse}.items{width:100%;margin-top:18px}
.items th{background:#eef;text-align:left;padding:4px}.items td{padding:4px;border-bottom:1px solid #ddd}
.num{text-align:right}.totals{margin-left:auto;margin-top:10px}.totals td{padding:2px 8px}
.party{display:inline-block;vertical-align:top;width:45%}.meta th{text-align:left;padding-right:12px;font-weight:normal;color:#555}"""


def _money_style(d):
    return d.get("amt") or ("da" if d["lang"] == "da" else "en")


def _party(d, who, show, lab):
    p = d[who]
    out = ["<b>%s</b>" % H(p["name"])] + [H(s) for s in p["address"]]
    if "company_code" in show and p.get("company_code"):
        out.append("%s %s" % (lab["code"], H(p["company_code"])))
    if "vat_id" in show and p.get("vat_id"):
        out.append("%s %s" % (lab["vat"], H(p["vat_id"])))
    return "<br>\n".join(out)


def invoice_html(d, index):
    """An invoice as an HTML page. Two styles alternate by the document's
    index: the details in a key/value table beside the title, or in a
    definition list under it."""
    lab = LAB[d["lang"]]
    st = _money_style(d)
    A = lambda x: fmt_amt(x, st)
    comma = d["lang"] != "en"
    credit = d["type"] == "credit_note"
    title = lab["credit"] if credit else lab["title"]
    meta = [(lab["no"], d["number_truth"]), (lab["date"], fmt_date(d["issue"], d["datefmt"]))]
    if d.get("due"):
        meta.append((lab["due"], fmt_date(d["due"], d["datefmt"])))
    if credit and d.get("orig"):
        meta.append((lab["orig"], d["orig"][0]))
    units = any(l.get("unit_printed", True) and l.get("unit") for l in d["lines"])
    o = ['<!DOCTYPE html>', '<html lang="%s"><head><meta charset="utf-8">' % d["lang"],
         "<title>%s %s</title><style>%s</style></head><body>" % (H(title), H(d["number_truth"]), CSS)]
    if index % 2:
        o.append('<table style="width:100%"><tr><td style="vertical-align:top">')
        o.append("<h2>%s</h2>" % H(d["supplier"]["name"]))
        o.append("<div>%s</div>" % "<br>".join(H(s) for s in d["supplier"]["address"]))
        o.append('</td><td style="vertical-align:top;text-align:right"><h1>%s</h1><table class="meta">' % H(title))
        for k, v in meta:
            o.append("<tr><th>%s</th><td>%s</td></tr>" % (H(k), H(v)))
        o.append("</table></td></tr></table>")
        o.append('<div style="margin-top:16px"><div class="party"><h2>%s</h2>%s</div>' % (
            H(lab["seller"]), _party(d, "supplier", d["sup_show"], lab)))
        o.append('<div class="party"><h2>%s</h2>%s</div></div>' % (
            H(lab["buyer"]), _party(d, "buyer", d["buy_show"], lab)))
    else:
        o.append("<h1>%s</h1>" % H(title))
        o.append("<dl>")
        for k, v in meta:
            o.append("<dt>%s</dt><dd>%s</dd>" % (H(k), H(v)))
        o.append("</dl>")
        o.append("<h2>%s</h2><p>%s</p>" % (H(lab["seller"]), _party(d, "supplier", d["sup_show"], lab)))
        o.append("<h2>%s</h2><p>%s</p>" % (H(lab["buyer"]), _party(d, "buyer", d["buy_show"], lab)))
    disc = any("disc" in l for l in d["lines"])
    head = [lab["desc"], lab["qty"]] + ([lab["unit"]] if units else []) + [lab["price"]] + (
        [lab["disc"]] if disc else []) + [lab["rate"], lab["amount"]]
    o.append('<table class="items"><thead><tr>%s</tr></thead><tbody>' % "".join(
        '<th%s>%s</th>' % ("" if i == 0 else ' class="num"', H(h)) for i, h in enumerate(head)))
    for l in d["lines"]:
        cells = [H(l["desc"]), fmt_qty(l["qty"], comma)]
        if units:
            cells.append(H(l["unit"]) if l.get("unit_printed", True) and l.get("unit") else "")
        cells.append(A(l["price"]))
        if disc:
            cells.append(fmt_rate(format(l["disc"].normalize(), "f"), comma) + " %" if l["disc"] else "")
        cells += [fmt_rate(l["rate"], comma) + " %", A(l["net"])]
        o.append("<tr>%s</tr>" % "".join('<td%s>%s</td>' % ("" if i == 0 else ' class="num"', c)
                                         for i, c in enumerate(cells)))
    o.append('</tbody></table><table class="totals">')
    o.append('<tr><td>%s</td><td class="num">%s</td></tr>' % (H(lab["net"]), A(d["net"])))
    for b in d["vb"]:
        o.append('<tr><td>%s</td><td class="num">%s</td></tr>' % (
            H(lab["vatline"] % (fmt_rate(b["rate"], comma), A(b["net"]))), A(b["vat"])))
    o.append('<tr><td><b>%s</b></td><td class="num"><b>%s %s</b></td></tr></table>' % (
        H(lab["gross"]), A(d["gross"]), d["currency"]))
    sup = d["supplier"]
    pay = []
    if "iban" in d["sup_show"]:
        pay.append("%s: %s" % (lab["bank"], sup["iban"]))
        pay.append("%s: %s" % (lab["swift"], sup["swift"]))
    if d.get("payref"):
        pay.append("%s: %s" % (lab["ref"], d["payref"]))
    if pay:
        o.append("<p>%s</p>" % "<br>".join(H(s) for s in pay))
    o.append("</body></html>")
    return "\n".join(o) + "\n"


RC_TEXT = {
    "lt": dict(total="MOKĖTI", tip="Arbatpinigiai", card="Mokėta kortele", cash="Grynaisiais", change="Grąža",
               vat="PVM", net="Be PVM", gross="Su PVM", no="Čekio Nr.", ids=("Įm. k.", "PVM k.")),
    "da": dict(total="I ALT", tip="Drikkepenge", card="Betalt med kort", cash="Kontant", change="Byttepenge",
               vat="Moms", net="Netto", gross="Brutto", no="Bon nr.", ids=("CVR-nr.", None)),
    "en": dict(total="TOTAL", tip="Gratuity", card="Card payment", cash="Cash", change="Change",
               vat="VAT", net="Net", gross="Gross", no="Receipt No.", ids=(None, "VAT No.")),
}
WIDTH = 42


def _lr(left, right, width=WIDTH):
    gap = max(1, width - len(left) - len(right))
    return left + " " * gap + right


def receipt_text(d, index):
    """A till receipt as the plain text a till e-mails: 42 columns, the
    item's name on one line and its figures on the next; on every other
    receipt the VAT rate is a letter explained in the VAT table (A = the
    highest rate), as many tills print it."""
    lab = RC_TEXT[d["lang"]]
    st = d["amt"]
    A = lambda x: fmt_amt(x, st)
    comma = d["lang"] != "en"
    letters = index % 2 == 0
    code = {b["rate"]: "ABCDE"[i] for i, b in enumerate(d["vb"])}
    p = d["supplier"]
    o = [p["name"].center(WIDTH).rstrip()] + [s.center(WIDTH).rstrip() for s in p["address"]]
    ids = []
    if lab["ids"][0] and p.get("company_code"):
        ids.append("%s %s" % (lab["ids"][0], p["company_code"]))
    if lab["ids"][1] and p.get("vat_id"):
        ids.append("%s %s" % (lab["ids"][1], p["vat_id"]))
    o.append("  ".join(ids).center(WIDTH).rstrip())
    o += ["", "-" * WIDTH]
    for l in d["lines"]:
        o.append(l["desc"])
        q = fmt_qty(l["qty"], comma) + (" kg" if l["weighed"] else "")
        tag = code[l["rate"]] if letters else fmt_rate(l["rate"], comma) + "%"
        o.append(_lr("   %s x %s" % (q, A(l["price"])), "%s %s" % (A(l["net"]), tag)))
    o.append("-" * WIDTH)
    o.append(_lr(lab["total"], "%s %s" % (A(d["gross"]), d["currency"])))
    if d["tip"] > 0:
        o.append(_lr(lab["tip"], A(d["tip"])))
    if d["paymethod"] == "card":
        o.append(_lr("%s %s" % (lab["card"], d["scheme"]), A(d["gross"] + d["tip"])))
    else:
        o.append(_lr(lab["cash"], A(d["tendered"])))
        o.append(_lr(lab["change"], A(d["tendered"] - d["gross"] - d["tip"])))
    o.append("")
    o.append("%-9s%11s%11s%11s" % (lab["vat"], lab["net"], lab["vat"], lab["gross"]))
    for b in d["vb"]:
        r = fmt_rate(b["rate"], comma) + "%"
        name = "%s %s" % (code[b["rate"]], r) if letters else r
        o.append("%-9s%11s%11s%11s" % (name, A(b["net"]), A(b["vat"]), A(b["gross"])))
    o.append("-" * WIDTH)
    o.append(_lr(fmt_date(d["issue"], d["datefmt"]), d["time"]))
    o.append("%s %s" % (lab["no"], d["number_truth"]))
    return "\n".join(o) + "\n"

