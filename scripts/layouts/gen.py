#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generator of an evaluation set of NEW invoice/receipt layouts.

Six visual templates, never used in the development corpus:
  lt_boxes     LT VAT invoice: series/number/date grid under the title, seller and buyer
               side by side in framed boxes, fully gridded table Nr|Pavadinimas|Kiekis|Mato vnt.|Kaina|Suma
  da_rightmeta DA invoice: supplier top-left, right-aligned metadata block, "Kunde" block,
               dark table header with Varenr. column, payment box with FI payment line at the bottom
  en_sidebar   UK/IE invoice: shaded left sidebar (supplier, bill to, invoice details, totals,
               bank) and a narrow main column with a per-line VAT column
  receipt_80   80 mm till receipt / restaurant bill in LT, DA, EN: columns on the item line,
               VAT summary, payment, date and receipt number at the bottom
  window_footer letter-style invoice in LT, DA, EN (documents 41-52, added after the others):
               the supplier's name alone as a letterhead, a return address over the unlabelled
               buyer block, details right, Pos./Unit/VAT columns, the supplier's address, ids
               and bank only in a three-column footer, the amount due repeated in a sentence
  discount     invoice in LT, DA, EN (documents 53-64, added after window_footer): an item
               table with code and discount columns (amount = quantity x price less the
               discount), details in a shaded band of labels over values beside an order
               number, a delivery address beside the buyer, a running total carried over
               page breaks, goods total and discount over the net total, LT amount in words

Output (under OUT_DIR, default ./layouts-set): pdf/doc-NNNN.{pdf,json},
scan/doc-NNNN.{json,pK.jpg}, manifest.csv.
Usage: python3 gen.py [OUT_DIR] [--no-scan] [--readme CORPUS_README]
(--readme links the corpus README, whose schema the truth follows, into both
folders.) Needs reportlab, Pillow, numpy, pdftoppm and the DejaVu fonts.
"""
import io, json, os, random, shutil, subprocess, sys, tempfile, datetime as dt
from decimal import Decimal as D

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ids import (gen_lt_company, gen_lt_vat, gen_dk_cvr, gen_gb_vat, gen_ie_vat, make_iban,
                 luhn_check_digit)
import data as X

from reportlab.pdfgen import canvas as rl_canvas
from reportlab.lib.units import mm
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.lib.colors import HexColor, white, black

SEED = 4711
_ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
if "--readme" in sys.argv:
    README = sys.argv[sys.argv.index("--readme") + 1]
    _ARGS.remove(README)
else:
    README = None
OUT = os.path.abspath(_ARGS[0] if _ARGS else "layouts-set")

FD = "/usr/share/fonts/truetype/dejavu/"
for name, f in [("Sans", "DejaVuSans.ttf"), ("SansB", "DejaVuSans-Bold.ttf"),
                ("Cond", "DejaVuSansCondensed.ttf"), ("CondB", "DejaVuSansCondensed-Bold.ttf"),
                ("Serif", "DejaVuSerif.ttf"), ("SerifB", "DejaVuSerif-Bold.ttf"),
                ("Mono", "DejaVuSansMono.ttf"), ("MonoB", "DejaVuSansMono-Bold.ttf")]:
    pdfmetrics.registerFont(TTFont(name, FD + f))

from fmt import C2, r2, amt_truth, qty_truth, fmt_amt, fmt_qty, fmt_rate, fmt_date
import web


def rand_date(rng):
    start = dt.date(2024, 1, 2)
    return start + dt.timedelta(days=rng.randint(0, 640))


# ----------------------------------------------------------------------------- parties
def lt_name(rng):
    w = rng.choice(X.LT_WORDS)
    f = rng.random()
    if f < 0.45:
        return "UAB „%s“" % w
    if f < 0.6:
        return "%s, UAB" % w
    if f < 0.75:
        return "MB „%s“" % w
    if f < 0.85:
        return "AB „%s“" % w
    return "%s IĮ" % ("R. " + rng.choice(X.LT_SURNAMES))


def lt_address(rng):
    st = rng.choice(X.LT_STREETS)
    n = str(rng.randint(1, 180))
    r = rng.random()
    if r < 0.3:
        n += "-%d" % rng.randint(1, 120)
    elif r < 0.4:
        n += rng.choice("ABC")
    city, p = rng.choice(X.LT_CITIES)
    pc = "LT-" + p + "".join(str(rng.randint(0, 9)) for _ in range(4))
    return ["%s %s" % (st, n), "%s %s" % (pc, city)]


def lt_party(rng, seller):
    p = {"name": lt_name(rng), "company_code": gen_lt_company(rng), "address": lt_address(rng)}
    if seller or rng.random() < 0.75:
        p["vat_id"] = gen_lt_vat(rng)
    if seller:
        bank, bic, code = rng.choice(X.LT_BANKS)
        p["iban"] = make_iban("LT", code + "".join(str(rng.randint(0, 9)) for _ in range(11)))
        p["swift"], p["bank"] = bic, bank
        p["phone"] = "+370 %d %d" % (rng.randint(600, 699), rng.randint(10000, 99999))
        p["email"] = rng.choice(["info", "saskaitos", "buhalterija"]) + "@" + slug(p["name"]) + ".lt"
    return p


def slug(name):
    tr = str.maketrans("ąčęėįšųūžĄČĘĖĮŠŲŪŽæøåÆØÅ", "aceeisuuzACEEISUUZaoaAOA")
    s = name.translate(tr).lower()
    for w in ["uab", "mb", "ab", "iį", "ii", "aps", "a/s", "i/s", "ltd", "limited", "llp", "dac", "& co"]:
        s = s.replace(" " + w, " ").replace(w + " ", " ")
    s = "".join(ch for ch in s if ch.isalnum())
    return s[:18] or "firma"


def da_party(rng, seller):
    name = rng.choice(X.DA_WORDS) + rng.choice(X.DA_FORMS)
    pc, city = rng.choice(X.DA_CITIES)
    addr = ["%s %d" % (rng.choice(X.DA_STREETS), rng.randint(1, 220)), "%s %s" % (pc, city)]
    if rng.random() < 0.2:
        addr.append("Danmark")
    p = {"name": name, "company_code": gen_dk_cvr(rng), "address": addr}
    if seller:
        bank, bic, pre = rng.choice(X.DA_BANKS)
        reg = pre + "".join(str(rng.randint(0, 9)) for _ in range(3))
        konto = "".join(str(rng.randint(0, 9)) for _ in range(10))
        p.update(bank=bank, swift=bic, reg=reg, konto=konto, iban=make_iban("DK", reg + konto))
        p["phone"] = "+45 %02d %02d %02d %02d" % tuple(rng.randint(10, 99) for _ in range(4))
        p["email"] = rng.choice(["faktura", "info", "bogholderi"]) + "@" + slug(name) + ".dk"
        p["creditor"] = str(rng.randint(80000000, 89999999))
    return p


def uk_party(rng, seller, ie=False):
    words = X.IE_WORDS if ie else X.UK_WORDS
    forms = X.IE_FORMS if ie else X.UK_FORMS
    name = rng.choice(words) + rng.choice(forms)
    addr = []
    if rng.random() < 0.35:
        addr.append(rng.choice(X.UK_PREFIX))
    addr.append("%d %s" % (rng.randint(1, 240), rng.choice(X.UK_STREETS)))
    if ie:
        city, rk = rng.choice(X.IE_CITIES)
        code = rk + " " + "".join(rng.choice("ACDEFHKNPRTVWXY0123456789") for _ in range(4))
        addr += [city, code]
    else:
        city, out = rng.choice(X.UK_CITIES)
        pc = "%s %d%s" % (out, rng.randint(1, 9), "".join(rng.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2)))
        if rng.random() < 0.5:
            addr.append("%s %s" % (city, pc))
        else:
            addr += [city, pc]
    p = {"name": name, "address": addr}
    if seller:
        p["vat_id"] = gen_ie_vat(rng) if ie else gen_gb_vat(rng, rng.random() < 0.3)
        if ie:
            p["company_code"] = str(rng.randint(100000, 799999))
        elif name.endswith("LLP"):
            p["company_code"] = "OC%06d" % rng.randint(300000, 449999)
        elif city == "Glasgow":
            p["company_code"] = "SC%06d" % rng.randint(100000, 799999)
        else:
            p["company_code"] = "%08d" % rng.randint(1000000, 15999999)
        bank, bic, code = rng.choice(X.IE_BANKS if ie else X.UK_BANKS)
        sort = "".join(str(rng.randint(0, 9)) for _ in range(6))
        acc = "".join(str(rng.randint(0, 9)) for _ in range(8))
        p.update(bank=bank, swift=bic, sort=sort, acc=acc, iban=make_iban("IE" if ie else "GB", code + sort + acc))
        p["phone"] = ("+353 %d %03d %04d" % (rng.randint(1, 99), rng.randint(100, 999), rng.randint(0, 9999))) if ie else \
            ("0%d %03d %04d" % (rng.randint(113, 199), rng.randint(100, 999), rng.randint(0, 9999)))
        p["email"] = rng.choice(["accounts", "billing", "hello"]) + "@" + slug(name) + (".ie" if ie else ".co.uk")
    else:
        if rng.random() < 0.3:
            p["vat_id"] = gen_ie_vat(rng) if ie else gen_gb_vat(rng, False)
    return p


def spaced_gb_vat(v):
    b = v[2:]
    return "GB %s %s %s" % (b[:3], b[3:7], b[7:])


def spaced_iban(i):
    return " ".join(i[k:k + 4] for k in range(0, len(i), 4))


# ----------------------------------------------------------------------------- items
def rand_price(rng, lo, hi):
    v = D(str(rng.uniform(lo, hi))).quantize(C2)
    if hi >= 100 and rng.random() < 0.5:
        v = D(int(v))  # round prices
    if v <= 0:
        v = D("0.01")
    return v


def rand_qty(rng, dec, unit):
    if dec and rng.random() < 0.55:
        if unit in ("t", "MWh"):
            return D(str(round(rng.uniform(0.4, 12), 3))).normalize()
        if unit in ("km", "l", "litre"):
            return D(str(round(rng.uniform(20, 950), rng.choice([0, 1, 2])))).normalize()
        return D(str(rng.choice([0.5, 1.5, 2.5, 3.25, 4.75, 7.5, 12.5, 0.75, 6.5, 37.5]))).normalize()
    return D(rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 50]))


def pick_lines(rng, catalog, rates, n, credit=False):
    lines = []
    for i in range(n):
        rate = rates[0] if (i == 0 or len(rates) == 1 or rng.random() < 0.6) else rng.choice(rates[1:])
        desc, unit, (lo, hi), dec = rng.choice(catalog[rate])
        q = rand_qty(rng, dec, unit)
        if unit in ("km", "l", "litre") and not dec:
            q = D(rng.randint(20, 400))
        if credit:
            q = -q
            if rng.random() < 0.5 and abs(q) > 3:
                q = -D(rng.randint(1, 3))
        p = rand_price(rng, lo, hi)
        lines.append({"desc": desc, "unit": unit, "qty": q, "price": p, "rate": rate})
    # ensure every chosen extra rate really occurs at most as chosen; then stable
    return lines


def line_sums(lines):
    """Each line's amount (less its discount in per cent, where it has one),
    and their sum per VAT rate, highest rate first."""
    per = {}
    for l in lines:
        l["net"] = r2(l["qty"] * l["price"] * (100 - l.get("disc", 0)) / 100)
        per[l["rate"]] = per.get(l["rate"], D(0)) + l["net"]
    return [(rate, per[rate]) for rate in sorted(per, key=lambda r: -D(r))]


def totals(vb):
    net = sum((v["net"] for v in vb), D(0))
    vat = sum((v["vat"] for v in vb), D(0))
    return vb, net, vat, net + vat


def compute_invoice(lines):
    """Invoices: line amounts are net; VAT per rate on the rate's net."""
    return totals([{"rate": r, "net": n, "vat": r2(n * D(r) / 100)} for r, n in line_sums(lines)])


def compute_receipt(lines):
    """Receipts: line amounts include VAT; each rate's VAT is taken out of its gross."""
    vb = []
    for rate, g in line_sums(lines):
        vat = r2(g * D(rate) / (100 + D(rate)))
        vb.append({"rate": rate, "net": g - vat, "vat": vat, "gross": g})
    return totals(vb)


# ----------------------------------------------------------------------------- truth
def party_truth(p, show, buyer=False):
    keys = ["name", "company_code", "vat_id", "address"] + ([] if buyer else ["iban", "swift"])
    out = {}
    for k in keys:
        if k in show and p.get(k):
            out[k] = ", ".join(p[k]) if k == "address" else p[k]
    return out


def build_truth(doc):
    t = {"document_type": doc["type"], "language": doc["lang"], "invoice_number": doc["number_truth"],
         "issue_date": doc["issue"].isoformat()}
    if doc.get("due"):
        t["due_date"] = doc["due"].isoformat()
    t["currency"] = doc["currency"]
    t["supplier"] = party_truth(doc["supplier"], doc["sup_show"])
    if doc["type"] != "receipt":
        t["buyer"] = party_truth(doc["buyer"], doc["buy_show"], buyer=True)
    t["net_total"] = amt_truth(doc["net"])
    t["vat_total"] = amt_truth(doc["vat"])
    t["gross_total"] = amt_truth(doc["gross"])
    t["vat_breakdown"] = [{"rate": v["rate"], "net": amt_truth(v["net"]), "vat": amt_truth(v["vat"])} for v in doc["vb"]]
    items = []
    for l in doc["lines"]:
        it = {"description": l["desc"], "quantity": qty_truth(l["qty"])}
        if l.get("unit_printed", True) and l.get("unit"):
            it["unit"] = l["unit"]
        it["unit_price"] = amt_truth(l["price"])
        it["net_amount"] = amt_truth(l["net"])
        it["vat_rate"] = l["rate"]
        items.append(it)
    t["line_items"] = items
    if doc.get("payref"):
        t["payment_reference"] = doc["payref"]
    if doc["type"] == "receipt":
        t["payment_method"] = doc["paymethod"]
        t["tip"] = amt_truth(doc["tip"])
    return t


# ----------------------------------------------------------------------------- drawing utils
def sw(s, font, size):
    return pdfmetrics.stringWidth(s, font, size)


def wrap(s, font, size, width):
    words = s.split(" ")
    out, cur = [], ""
    for w in words:
        t = w if not cur else cur + " " + w
        if sw(t, font, size) <= width or not cur:
            cur = t
        else:
            out.append(cur)
            cur = w
    if cur:
        out.append(cur)
    return out


def text(c, x, y, s, font="Sans", size=9, align="l", color=None):
    c.setFont(font, size)
    if color is not None:
        c.setFillColor(color)
    if align == "l":
        c.drawString(x, y, s)
    elif align == "r":
        c.drawRightString(x, y, s)
    else:
        c.drawCentredString(x, y, s)
    if color is not None:
        c.setFillColor(black)


class Pager:
    """Tracks pages; templates supply callbacks for continuation header and footer."""

    def __init__(self, c, total, footer, cont_header):
        self.c, self.total, self.page = c, total, 1
        self.footer, self.cont_header = footer, cont_header
        self.carry = None  # optional: carry(y, rows_done, "out" | "in") -> y, a running total's rows

    def new_page(self):
        self.footer(self)
        self.c.showPage()
        self.page += 1
        return self.cont_header(self)

    def finish(self):
        self.footer(self)
        self.c.showPage()


def draw_table(pg, y, x0, cols, rows, st, bottom):
    """cols: list of dict(title=[lines], w, align, key, wrap?) ; rows: list of dicts key->str.
    st: style dict: font, bold, size, head_size, pad, grid, head_fill, head_color, zebra, rule.
    Returns y after the table. Repeats the header on each new page."""
    c = pg.c
    size, font = st["size"], st["font"]
    lead = size * 1.25

    def grid(y, h, tw):
        """A box of height h from y down, ruled between the columns."""
        c.setLineWidth(0.5)
        c.rect(x0, y - h, tw, h)
        x = x0
        for col in cols[:-1]:
            x += col["w"]
            c.line(x, y, x, y - h)

    def header(y):
        nl = max(len(col["title"]) for col in cols)
        h = nl * st["head_size"] * 1.2 + 2 * st["pad"]
        tw = sum(col["w"] for col in cols)
        if st.get("head_fill") is not None:
            c.setFillColor(st["head_fill"])
            c.rect(x0, y - h, tw, h, stroke=0, fill=1)
            c.setFillColor(black)
        if st.get("grid"):
            grid(y, h, tw)
        if st.get("head_rule"):
            c.setLineWidth(0.8)
            c.line(x0, y - h, x0 + tw, y - h)
        x = x0
        for col in cols:
            for k, tl in enumerate(col["title"]):
                ty = y - st["pad"] - (k + 1) * st["head_size"] * 1.2 + 2
                if col["align"] == "r":
                    text(c, x + col["w"] - 3, ty, tl, st["bold"], st["head_size"], "r", st.get("head_color"))
                elif col["align"] == "c":
                    text(c, x + col["w"] / 2, ty, tl, st["bold"], st["head_size"], "c", st.get("head_color"))
                else:
                    text(c, x + 3, ty, tl, st["bold"], st["head_size"], "l", st.get("head_color"))
            x += col["w"]
        return y - h

    y = header(y)
    tw = sum(col["w"] for col in cols)
    for i, row in enumerate(rows):
        cell_lines = {}
        for col in cols:
            s = row.get(col["key"], "")
            if col.get("wrap"):
                cell_lines[col["key"]] = wrap(s, font, size, col["w"] - 6)
            else:
                cell_lines[col["key"]] = [s]
        nl = max(len(v) for v in cell_lines.values())
        h = nl * lead + 2 * st["pad"]
        if y - h < bottom:
            if pg.carry:
                pg.carry(y, i, "out")
            y = pg.new_page()
            y = header(y)
            if pg.carry:
                y = pg.carry(y, i, "in")
        if st.get("zebra") is not None and i % 2 == 1:
            c.setFillColor(st["zebra"])
            c.rect(x0, y - h, tw, h, stroke=0, fill=1)
            c.setFillColor(black)
        if st.get("grid"):
            grid(y, h, tw)
        elif st.get("rule") is not None:
            c.setStrokeColor(st["rule"])
            c.setLineWidth(0.4)
            c.line(x0, y - h, x0 + tw, y - h)
            c.setStrokeColor(black)
        x = x0
        for col in cols:
            for k, tl in enumerate(cell_lines[col["key"]]):
                ty = y - st["pad"] - (k + 1) * lead + 2.5
                if col["align"] == "r":
                    text(c, x + col["w"] - 3, ty, tl, font, size, "r")
                elif col["align"] == "c":
                    text(c, x + col["w"] / 2, ty, tl, font, size, "c")
                else:
                    text(c, x + 3, ty, tl, font, size, "l")
            x += col["w"]
        y -= h
    return y


def render_pdf(path, drawfn, doc, pagesize=A4):
    # pass 1: count pages
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=pagesize)
    n = drawfn(c, doc, 0)
    c.save()
    c = rl_canvas.Canvas(path, pagesize=pagesize, invariant=1)
    c.setTitle("%s %s" % (doc["title_meta"], doc["number_truth"]))
    c.setAuthor(doc["supplier"]["name"])
    n2 = drawfn(c, doc, n)
    c.save()
    assert n == n2
    return n


# ============================================================================= (a) lt_boxes
def build_lt(rng, credit, multipage):
    d = {"layout": "lt_boxes", "lang": "lt", "currency": "EUR", "type": "credit_note" if credit else "invoice"}
    d["supplier"], d["buyer"] = lt_party(rng, True), lt_party(rng, False)
    d["series"] = rng.choice(["AB", "SF", "KVT", "PVM", "BL", "EDS"]) if not credit else rng.choice(["KR", "KSF", "KRD"])
    d["nr"] = ("%0" + str(rng.choice([5, 6, 7])) + "d") % rng.randint(1, 99999)
    d["number_truth"] = "%s %s" % (d["series"], d["nr"])
    d["issue"] = rand_date(rng)
    d["due"] = None if (credit or rng.random() < 0.15) else d["issue"] + dt.timedelta(days=rng.choice([10, 14, 15, 30, 45]))
    d["datefmt"] = rng.choice(["iso", "ltdot", "ltword", "iso"])
    d["amt"] = rng.choice(["lt_space", "lt_plain"])
    d["qtyfixed"] = rng.choice([None, 2])
    n = rng.randint(34, 48) if multipage else rng.randint(1, 7)
    rates = rng.choice([["21"], ["21"], ["21", "9"], ["21", "5"], ["21", "0"], ["9"], ["21", "9", "0"]])
    if multipage:
        rates = rng.choice([["21"], ["21", "9"]])
    d["lines"] = pick_lines(rng, X.LT_ITEMS, rates, n, credit)
    d["vb"], d["net"], d["vat"], d["gross"] = compute_invoice(d["lines"])
    d["sup_show"] = {"name", "company_code", "vat_id", "address", "iban", "swift"}
    d["buy_show"] = {"name", "company_code", "vat_id", "address"}
    d["acct_label"] = rng.choice(["A/s", "Sąskaitos Nr.", "A. s."])
    d["iban_spaced"] = rng.random() < 0.4
    d["payref"] = str(rng.randint(10 ** 7, 10 ** 10)) if (not credit and rng.random() < 0.4) else None
    d["payref_label"] = rng.choice(["Mokėjimo kodas", "Įmokos kodas"])
    d["sup_label"] = rng.choice(["Pardavėjas", "Tiekėjas"])
    d["buy_label"] = rng.choice(["Pirkėjas", "Pirkėjas", "Gavėjas"])
    d["tot_label"] = rng.choice(["Iš viso", "Iš viso su PVM", "Iš viso mokėti"])
    d["issuer"] = rng.choice(X.LT_PEOPLE)
    if credit:
        d["orig"] = ("%s %s" % (rng.choice(["AB", "SF", "PVM"]), "%06d" % rng.randint(1, 99999)),
                     d["issue"] - dt.timedelta(days=rng.randint(5, 60)))
        d["reason"] = rng.choice(["prekių grąžinimas", "kainos koregavimas", "klaidingai išrašyta sąskaita"])
    d["title_meta"] = "PVM sąskaita faktūra"
    return d


def draw_lt(c, d, total):
    W, H = A4
    L, R = 16 * mm, W - 16 * mm
    A = lambda x: fmt_amt(x, d["amt"])
    dfmt = lambda x: fmt_date(x, d["datefmt"])
    sup, buy = d["supplier"], d["buyer"]

    def footer(pg):
        c.setLineWidth(0.3)
        c.line(L, 14 * mm, R, 14 * mm)
        text(c, L, 10 * mm, "Sąskaita faktūra parengta elektroniniu būdu ir galioja be parašo.", "Cond", 6.5)
        text(c, R, 10 * mm, "Puslapis %d iš %d" % (pg.page, pg.total or 1), "Cond", 7, "r")

    def cont(pg):
        text(c, L, H - 16 * mm, sup["name"], "CondB", 9)
        text(c, R, H - 16 * mm, "Serija %s Nr. %s (tęsinys)" % (d["series"], d["nr"]), "Cond", 8, "r")
        c.setLineWidth(0.3)
        c.line(L, H - 19 * mm, R, H - 19 * mm)
        return H - 24 * mm

    pg = Pager(c, total, footer, cont)
    # logo + name
    ini = "".join(w[0] for w in sup["name"].replace("„", "").replace("“", "").replace(",", "").split() if w[0].isupper())[:3]
    c.setFillColor(HexColor("#1d4e89"))
    c.circle(L + 9 * mm, H - 22 * mm, 9 * mm, stroke=0, fill=1)
    text(c, L + 9 * mm, H - 24.5 * mm, ini, "SerifB", 14, "c", white)
    text(c, L + 21 * mm, H - 20 * mm, sup["name"], "SerifB", 13, "l", HexColor("#1d4e89"))
    text(c, L + 21 * mm, H - 25 * mm, "www.%s.lt  ·  %s" % (slug(sup["name"]), sup["phone"]), "Cond", 7.5)
    # title + grid
    title = "KREDITINĖ PVM SĄSKAITA FAKTŪRA" if d["type"] == "credit_note" else "PVM SĄSKAITA FAKTŪRA"
    text(c, R, H - 40 * mm, title, "CondB", 14, "r")
    cells = [("Serija", d["series"]), ("Nr.", d["nr"]), ("Data", dfmt(d["issue"]))]
    if d["due"]:
        cells.append(("Apmokėti iki", dfmt(d["due"])))
    cw = [max(16 * mm, sw(v, "CondB", 9.5) + 6 * mm) for _, v in cells]
    x = R - sum(cw)
    ytop = H - 44 * mm
    c.setLineWidth(0.6)
    for (lab, val), w in zip(cells, cw):
        c.setFillColor(HexColor("#e4e9f0"))
        c.rect(x, ytop - 5 * mm, w, 5 * mm, stroke=1, fill=1)
        c.setFillColor(black)
        c.rect(x, ytop - 12 * mm, w, 7 * mm, stroke=1, fill=0)
        text(c, x + w / 2, ytop - 3.6 * mm, lab, "Cond", 7, "c")
        text(c, x + w / 2, ytop - 9.6 * mm, val, "CondB", 9.5, "c")
        x += w
    y = ytop - 18 * mm
    if d["type"] == "credit_note":
        o, od = d["orig"]
        text(c, R, y, "Koreguojama PVM sąskaita faktūra: Serija %s Nr. %s, %s" % (o.split()[0], o.split()[1], dfmt(od)), "Cond", 8, "r")
        text(c, R, y - 4 * mm, "Koregavimo priežastis: " + d["reason"], "Cond", 8, "r")
        y -= 10 * mm
    # party boxes
    bw = (R - L - 6 * mm) / 2

    def party_lines(p, seller):
        ls = [("CondB", p["name"])]
        ls.append(("Cond", "Įmonės kodas: " + p["company_code"]))
        if p.get("vat_id"):
            ls.append(("Cond", "PVM mokėtojo kodas: " + p["vat_id"]))
        ls.append(("Cond", "Adresas: " + ", ".join(p["address"])))
        if seller:
            ls.append(("Cond", "Bankas: " + p["bank"]))
            ib = spaced_iban(p["iban"]) if d["iban_spaced"] else p["iban"]
            ls.append(("Cond", "%s: %s" % (d["acct_label"], ib)))
            ls.append(("Cond", "SWIFT: " + p["swift"]))
            ls.append(("Cond", "El. paštas: " + p["email"]))
        return ls

    sl, bl = party_lines(sup, True), party_lines(buy, False)
    nl = max(len(sl), len(bl))
    bh = 7 * mm + nl * 4.3 * mm + 2 * mm
    for k, (lab, ls) in enumerate([(d["sup_label"], sl), (d["buy_label"], bl)]):
        bx = L + k * (bw + 6 * mm)
        c.setLineWidth(0.8)
        c.roundRect(bx, y - bh, bw, bh, 2 * mm)
        c.setFillColor(HexColor("#1d4e89"))
        c.roundRect(bx, y - 6 * mm, bw, 6 * mm, 2 * mm, stroke=0, fill=1)
        c.rect(bx, y - 6 * mm, bw, 3 * mm, stroke=0, fill=1)
        text(c, bx + 3 * mm, y - 4.3 * mm, lab.upper(), "CondB", 8, "l", white)
        yy = y - 11 * mm
        for f, s in ls:
            text(c, bx + 3 * mm, yy, s, f, 8.3)
            yy -= 4.3 * mm
    y -= bh + 7 * mm
    # table
    multi = len(d["vb"]) > 1
    cols = [dict(key="nr", title=["Nr."], w=10 * mm, align="c"),
            dict(key="desc", title=["Pavadinimas"], w=0, align="l", wrap=True),
            dict(key="qty", title=["Kiekis"], w=17 * mm, align="r"),
            dict(key="unit", title=["Mato", "vnt."], w=15 * mm, align="c"),
            dict(key="price", title=["Kaina,", "EUR"], w=21 * mm, align="r"),
            dict(key="sum", title=["Suma,", "EUR"], w=24 * mm, align="r")]
    if multi:
        cols.append(dict(key="rate", title=["PVM,", "%"], w=12 * mm, align="c"))
    cols[1]["w"] = (R - L) - sum(col["w"] for col in cols)
    rows = []
    for i, l in enumerate(d["lines"], 1):
        rows.append({"nr": str(i), "desc": l["desc"], "qty": fmt_qty(l["qty"], True, d["qtyfixed"]),
                     "unit": l["unit"], "price": A(l["price"]), "sum": A(l["net"]), "rate": l["rate"].replace(".", ",")})
    st = dict(font="Cond", bold="CondB", size=8.3, head_size=7.8, pad=1.6, grid=True,
              head_fill=HexColor("#e4e9f0"))
    y = draw_table(pg, y, L, cols, rows, st, 22 * mm)
    # totals
    need = (len(d["vb"]) * 5 + 18 + (len(d["vb"]) * 5 + 8 if multi else 0) + 30) * mm
    if y - need < 18 * mm:
        y = pg.new_page()
    y -= 7 * mm
    tx1, tx2 = R - 70 * mm, R
    tl = [("Suma be PVM", A(d["net"]))]
    for v in d["vb"]:
        tl.append(("PVM %s %%" % v["rate"].replace(".", ","), A(v["vat"])))
    yy = y
    for lab, val in tl:
        text(c, tx1, yy, lab + ":", "Cond", 9)
        text(c, tx2, yy, val, "Cond", 9, "r")
        yy -= 5 * mm
    c.setLineWidth(0.8)
    c.line(tx1, yy + 3.3 * mm, tx2, yy + 3.3 * mm)
    yy -= 1 * mm
    text(c, tx1, yy, d["tot_label"] + ":", "CondB", 10)
    text(c, tx2, yy, A(d["gross"]) + " EUR", "CondB", 10, "r")
    if multi:  # VAT summary with per-rate bases, on the left
        sx = L
        text(c, sx, y, "PVM tarifas", "CondB", 7.8)
        text(c, sx + 52 * mm, y, "Apmokestinama suma", "CondB", 7.8, "r")
        text(c, sx + 74 * mm, y, "PVM suma", "CondB", 7.8, "r")
        c.setLineWidth(0.4)
        c.line(sx, y - 1.5 * mm, sx + 76 * mm, y - 1.5 * mm)
        sy = y - 5.5 * mm
        for v in d["vb"]:
            text(c, sx, sy, v["rate"].replace(".", ",") + " %", "Cond", 8.3)
            text(c, sx + 52 * mm, sy, A(v["net"]), "Cond", 8.3, "r")
            text(c, sx + 74 * mm, sy, A(v["vat"]), "Cond", 8.3, "r")
            sy -= 4.5 * mm
        c.line(sx, sy + 3.2 * mm, sx + 76 * mm, sy + 3.2 * mm)
        text(c, sx, sy, "Iš viso", "CondB", 8.3)
        text(c, sx + 52 * mm, sy, A(d["net"]), "CondB", 8.3, "r")
        text(c, sx + 74 * mm, sy, A(d["vat"]), "CondB", 8.3, "r")
        yy = min(yy, sy - 2 * mm)
    y = yy - 10 * mm
    if d.get("payref"):
        text(c, L, y, "%s: %s" % (d["payref_label"], d["payref"]), "CondB", 8.5)
        y -= 5 * mm
    if d["due"]:
        text(c, L, y, "Prašome apmokėti iki %s. Vėluojant mokėti skaičiuojami 0,02 %% delspinigiai." % dfmt(d["due"]).rstrip("."), "Cond", 7.5)
        y -= 9 * mm
    else:
        y -= 4 * mm
    text(c, L, y, "Sąskaitą išrašė:", "Cond", 8)
    c.line(L + 24 * mm, y - 1, L + 75 * mm, y - 1)
    text(c, L + 24 * mm, y - 4 * mm, d["issuer"], "Cond", 7)
    text(c, L + 95 * mm, y, "Sąskaitą priėmė:", "Cond", 8)
    c.line(L + 120 * mm, y - 1, R, y - 1)
    pg.finish()
    return pg.page


# ============================================================================= (b) da_rightmeta
def build_da(rng, credit, multipage):
    d = {"layout": "da_rightmeta", "lang": "da", "currency": "DKK", "type": "credit_note" if credit else "invoice"}
    d["supplier"], d["buyer"] = da_party(rng, True), da_party(rng, False)
    d["issue"] = rand_date(rng)
    style = rng.choice(["year", "plain", "prefix"])
    if style == "year":
        num = "%d-%04d" % (d["issue"].year, rng.randint(1, 3000))
    elif style == "plain":
        num = str(rng.randint(1000, 99999))
    else:
        num = "F%d" % rng.randint(10000, 99999)
    d["number_truth"] = num
    d["due"] = None if credit else d["issue"] + dt.timedelta(days=rng.choice([8, 14, 14, 30]))
    d["datefmt"] = rng.choice(["dot", "dash", "daword"])
    d["amt"] = "da"
    n = rng.randint(30, 40) if multipage else rng.randint(1, 8)
    rates = ["25", "0"] if rng.random() < 0.2 else ["25"]
    d["lines"] = pick_lines(rng, X.DA_ITEMS, rates, n, credit)
    for l in d["lines"]:
        l["sku"] = "%d%03d" % (rng.randint(10, 99), rng.randint(0, 999))
    d["vb"], d["net"], d["vat"], d["gross"] = compute_invoice(d["lines"])
    d["show_moms"] = rng.random() < 0.5
    d["sup_show"] = {"name", "company_code", "address", "iban", "swift"} | ({"vat_id"} if d["show_moms"] else set())
    d["supplier"]["vat_id"] = "DK" + d["supplier"]["company_code"]
    d["buy_cvr"] = rng.random() < 0.7
    d["buy_show"] = {"name", "address"} | ({"company_code"} if d["buy_cvr"] else set())
    d["custno"] = str(rng.randint(1000, 99999))
    d["att"] = rng.choice(X.DA_PEOPLE)
    d["lab_no"] = rng.choice(["Fakturanr.", "Faktura nr.", "Fakturanummer"])
    d["lab_date"] = rng.choice(["Fakturadato", "Dato"])
    d["lab_due"] = rng.choice(["Forfaldsdato", "Betalingsfrist", "Sidste rettidige betalingsdag"])
    d["tot_label"] = rng.choice(["Total DKK", "I alt DKK", "Total inkl. moms DKK"])
    d["fi"] = (not credit) and rng.random() < 0.85
    if d["fi"]:
        body = "%014d" % rng.randint(1000, 99999999)
        pid = body + str(luhn_check_digit(body))
        d["payref"] = "+71<%s+%s<" % (pid, d["supplier"]["creditor"])
    d["show_iban"] = rng.random() < 0.6
    if not d["show_iban"]:
        d["sup_show"] -= {"iban", "swift"}
    if credit:
        d["orig"] = (str(rng.randint(1000, 99999)), d["issue"] - dt.timedelta(days=rng.randint(3, 50)))
    d["title_meta"] = "Faktura"
    return d


def draw_da(c, d, total):
    W, H = A4
    L, R = 18 * mm, W - 18 * mm
    A = lambda x: fmt_amt(x, "da")
    dfmt = lambda x: fmt_date(x, d["datefmt"])
    sup, buy = d["supplier"], d["buyer"]
    accent = HexColor("#2f5d50")

    def footer(pg):
        c.setStrokeColor(accent)
        c.setLineWidth(1)
        c.line(L, 15 * mm, R, 15 * mm)
        c.setStrokeColor(black)
        cols = [[sup["name"]] + sup["address"],
                ["Tlf. " + sup["phone"], sup["email"], "CVR-nr. " + sup["company_code"]],
                ["%s" % sup["bank"], "Reg.nr. %s  Kontonr. %s" % (sup["reg"], sup["konto"])]]
        for k, col in enumerate(cols):
            yy = 11.5 * mm
            for s in col[:3]:
                text(c, L + k * 62 * mm, yy, s, "Sans", 6.3, "l", HexColor("#555555"))
                yy -= 2.8 * mm
        text(c, R, 19 * mm, "Side %d af %d" % (pg.page, pg.total or 1), "Sans", 7, "r")

    def cont(pg):
        text(c, L, H - 18 * mm, sup["name"], "SansB", 10, "l", accent)
        text(c, R, H - 18 * mm, "%s %s – fortsat" % (d["lab_no"], d["number_truth"]), "Sans", 8, "r")
        return H - 26 * mm

    pg = Pager(c, total, footer, cont)
    text(c, L, H - 22 * mm, sup["name"], "SansB", 17, "l", accent)
    yy = H - 28 * mm
    for s in sup["address"] + ["CVR-nr. " + sup["company_code"]] + (["Momsnr. DK" + sup["company_code"]] if d["show_moms"] else []):
        text(c, L, yy, s, "Sans", 8.5)
        yy -= 4 * mm
    title = "KREDITNOTA" if d["type"] == "credit_note" else "FAKTURA"
    text(c, R, H - 24 * mm, title, "SansB", 22, "r", accent)
    credit = d["type"] == "credit_note"
    meta = [(("Kreditnotanr." if credit else d["lab_no"]), d["number_truth"]),
            (("Dato" if credit else d["lab_date"]), dfmt(d["issue"]))]
    if d["due"]:
        meta.append((d["lab_due"], dfmt(d["due"])))
    meta.append(("Kundenr.", d["custno"]))
    my = H - 33 * mm
    for lab, val in meta:
        text(c, R - 34 * mm, my, lab + ":", "Sans", 8.5, "r", HexColor("#555555"))
        text(c, R, my, val, "SansB", 8.5, "r")
        my -= 4.6 * mm
    # Kunde
    y = min(yy, my) - 10 * mm
    text(c, L, y, "KUNDE", "SansB", 7.5, "l", HexColor("#777777"))
    y -= 5 * mm
    bl = [buy["name"]] + buy["address"] + (["CVR-nr. " + buy["company_code"]] if d["buy_cvr"] else []) + ["Att.: " + d["att"]]
    for k, s in enumerate(bl):
        text(c, L, y, s, "SansB" if k == 0 else "Sans", 9.5 if k == 0 else 9)
        y -= 4.6 * mm
    if d["type"] == "credit_note":
        y -= 3 * mm
        o, od = d["orig"]
        text(c, L, y, "Kreditering af faktura nr. %s af %s" % (o, dfmt(od)), "Sans", 8.5)
        y -= 4 * mm
    y -= 8 * mm
    multi = len(d["vb"]) > 1
    cols = [dict(key="sku", title=["Varenr."], w=17 * mm, align="l"),
            dict(key="desc", title=["Beskrivelse"], w=0, align="l", wrap=True),
            dict(key="qty", title=["Antal"], w=16 * mm, align="r"),
            dict(key="unit", title=["Enhed"], w=15 * mm, align="l"),
            dict(key="price", title=["Stk.pris"], w=22 * mm, align="r")]
    if multi:
        cols.append(dict(key="rate", title=["Moms"], w=13 * mm, align="r"))
    cols.append(dict(key="sum", title=["Beløb"], w=26 * mm, align="r"))
    cols[1]["w"] = (R - L) - sum(col["w"] for col in cols)
    rows = [{"sku": l["sku"], "desc": l["desc"], "qty": fmt_qty(l["qty"], True), "unit": l["unit"],
             "price": A(l["price"]), "rate": l["rate"] + "%", "sum": A(l["net"])} for l in d["lines"]]
    st = dict(font="Sans", bold="SansB", size=8.3, head_size=8, pad=2, head_fill=accent, head_color=white,
              zebra=HexColor("#eef3f1"))
    y = draw_table(pg, y, L, cols, rows, st, 50 * mm)
    need = 95 * mm
    if y - need < 20 * mm:
        y = pg.new_page()
    y -= 7 * mm
    tx1, tx2 = R - 75 * mm, R
    tl = [("Subtotal", A(d["net"]))]
    if multi:
        for v in d["vb"]:
            tl.append(("Momspligtigt beløb" if v["rate"] != "0" else "Momsfrit beløb", A(v["net"])))
    for v in d["vb"]:
        if v["rate"] != "0":
            tl.append(("Moms %s%%" % v["rate"], A(v["vat"])))
    for lab, val in tl:
        text(c, tx1, y, lab, "Sans", 9)
        text(c, tx2, y, val, "Sans", 9, "r")
        y -= 5 * mm
    c.setLineWidth(0.6)
    c.line(tx1, y + 3.2 * mm, tx2, y + 3.2 * mm)
    y -= 1.5 * mm
    text(c, tx1, y, d["tot_label"], "SansB", 10.5)
    text(c, tx2, y, A(d["gross"]), "SansB", 10.5, "r")
    c.line(tx1, y - 2 * mm, tx2, y - 2 * mm)
    c.line(tx1, y - 2.7 * mm, tx2, y - 2.7 * mm)
    y -= 12 * mm
    if d["due"]:
        text(c, L, y, "Betalingsbetingelser: Netto %d dage. Beløbet bedes indbetalt senest %s." %
             ((d["due"] - d["issue"]).days, dfmt(d["due"])), "Sans", 8)
    else:
        text(c, L, y, "Beløbet modregnes i kommende fakturaer eller tilbagebetales til jeres konto.", "Sans", 8)
    # payment box at the bottom of the last page
    by = 24 * mm
    c.setStrokeColor(accent)
    c.setLineWidth(0.8)
    c.rect(L, by, R - L, 22 * mm)
    c.setStrokeColor(black)
    text(c, L + 3 * mm, by + 17.5 * mm, "Betalingsoplysninger", "SansB", 8.5, "l", accent)
    text(c, L + 3 * mm, by + 13 * mm, "%s · Reg.nr. %s · Kontonr. %s" % (sup["bank"], sup["reg"], sup["konto"]), "Sans", 8)
    if d["show_iban"]:
        text(c, L + 3 * mm, by + 9 * mm, "IBAN: %s   BIC: %s" % (spaced_iban(sup["iban"]), sup["swift"]), "Sans", 8)
    if not credit:
        text(c, L + 3 * mm, by + 4.5 * mm, "Husk at angive fakturanummer %s ved bankoverførsel." % d["number_truth"], "Sans", 7.5)
    if d.get("payref"):
        text(c, R - 3 * mm, by + 17.5 * mm, "FI-indbetaling (kortart 71)", "Sans", 7.5, "r")
        text(c, R - 3 * mm, by + 10 * mm, d["payref"], "Mono", 10.5, "r")
    pg.finish()
    return pg.page


# ============================================================================= (c) en_sidebar
def build_en(rng, credit, multipage, ie):
    d = {"layout": "en_sidebar", "lang": "en", "currency": "EUR" if ie else "GBP",
         "type": "credit_note" if credit else "invoice", "ie": ie}
    d["supplier"], d["buyer"] = uk_party(rng, True, ie), uk_party(rng, False, ie)
    d["issue"] = rand_date(rng)
    style = rng.choice(["inv", "plain", "slash"])
    if credit:
        num = "CN-%05d" % rng.randint(1, 9999)
    elif style == "inv":
        num = "INV-%d-%04d" % (d["issue"].year, rng.randint(1, 999))
    elif style == "plain":
        num = str(rng.randint(10000, 99999))
    else:
        num = "%s/%d/%03d" % ("".join(w[0] for w in d["supplier"]["name"].split() if w[0].isalpha())[:2].upper(), d["issue"].year % 100, rng.randint(1, 999))
    d["number_truth"] = num
    d["due"] = None if credit else d["issue"] + dt.timedelta(days=rng.choice([7, 14, 30, 30]))
    d["datefmt"] = rng.choice(["slash", "enlong", "enshort", "endash"])
    n = rng.randint(40, 52) if multipage else rng.randint(1, 6)
    cat = X.IE_ITEMS if ie else X.UK_ITEMS
    if ie:
        rates = rng.choice([["23"], ["23", "13.5"], ["23", "0"], ["13.5"], ["23", "13.5", "0"]])
    else:
        rates = rng.choice([["20"], ["20"], ["20", "5"], ["20", "0"], ["20", "5", "0"]])
    d["lines"] = pick_lines(rng, cat, rates, n, credit)
    for l in d["lines"]:
        l["unit_printed"] = False  # this layout has no unit column
    d["vb"], d["net"], d["vat"], d["gross"] = compute_invoice(d["lines"])
    d["show_co"] = rng.random() < 0.7
    d["sup_show"] = {"name", "vat_id", "address"} | ({"company_code"} if d["show_co"] else set())
    d["bank_style"] = "iban" if ie else rng.choice(["sort", "iban", "both"])
    if d["bank_style"] != "sort":
        d["sup_show"] |= {"iban", "swift"}
    d["buy_show"] = {"name", "address"} | ({"vat_id"} if d["buyer"].get("vat_id") else set())
    d["lab_no"] = rng.choice(["Invoice No.", "Invoice Number", "Invoice #"])
    d["lab_date"] = rng.choice(["Date", "Invoice date", "Date of issue"])
    d["lab_due"] = rng.choice(["Due date", "Payment due"])
    d["lab_bill"] = rng.choice(["Bill to", "Billed to", "Customer"])
    d["vat_lab"] = "VAT Reg No" if not ie else rng.choice(["VAT No", "VAT Reg No"])
    d["payref"] = None
    if not credit and rng.random() < 0.5:
        d["payref"] = "%s%04d" % ("".join(ch for ch in d["buyer"]["name"].upper() if ch.isalpha())[:6], rng.randint(0, 9999))
    d["payref_label"] = rng.choice(["Payment reference", "Please quote reference"])
    d["sym"] = "€" if ie else "£"
    if credit:
        d["orig"] = ("INV-%d-%04d" % (d["issue"].year, rng.randint(1, 999)), d["issue"] - dt.timedelta(days=rng.randint(3, 40)))
    d["title_meta"] = "Invoice"
    return d


def draw_en(c, d, total):
    W, H = A4
    SB = 70 * mm           # sidebar width
    sx, sr = 9 * mm, SB - 6 * mm
    mx, mr = SB + 9 * mm, W - 12 * mm
    A = lambda x: fmt_amt(x, "en")
    dfmt = lambda x: fmt_date(x, d["datefmt"])
    sup, buy = d["supplier"], d["buyer"]
    ink = HexColor("#3b2f63")
    credit = d["type"] == "credit_note"

    def sidebar():
        c.setFillColor(HexColor("#f0eef6"))
        c.rect(0, 0, SB, H, stroke=0, fill=1)
        c.setFillColor(black)

    def footer(pg):
        text(c, mr, 10 * mm, "Page %d of %d" % (pg.page, pg.total or 1), "Sans", 7, "r")

    def cont(pg):
        sidebar()
        text(c, sx, H - 20 * mm, sup["name"], "SansB", fit(sup["name"], "SansB", 10.5, sr - sx), "l", ink)
        text(c, sx, H - 28 * mm, d["lab_no"], "Sans", 7, "l", HexColor("#666666"))
        text(c, sx, H - 32 * mm, d["number_truth"], "SansB", 9)
        text(c, mx, H - 20 * mm, ("CREDIT NOTE" if credit else "INVOICE") + " (continued)", "SansB", 11, "l", ink)
        return H - 28 * mm

    pg = Pager(c, total, footer, cont)
    sidebar()
    y = H - 20 * mm
    text(c, sx, y, sup["name"], "SansB", fit(sup["name"], "SansB", 10.5, sr - sx), "l", ink)
    y -= 5.5 * mm
    for s in sup["address"]:
        text(c, sx, y, s, "Sans", 8)
        y -= 3.8 * mm
    y -= 1.5 * mm
    vat_s = spaced_gb_vat(sup["vat_id"]) if not d["ie"] else sup["vat_id"]
    text(c, sx, y, "%s: %s" % (d["vat_lab"], vat_s), "Sans", 7.5)
    y -= 3.6 * mm
    if d["show_co"]:
        text(c, sx, y, "%s: %s" % ("CRO No" if d["ie"] else "Company No", sup["company_code"]), "Sans", 7.5)
        y -= 3.6 * mm
    text(c, sx, y, "Tel: " + sup["phone"], "Sans", 7.5)
    y -= 3.6 * mm
    text(c, sx, y, sup["email"], "Sans", 7.5)
    y -= 10 * mm
    text(c, sx, y, d["lab_bill"].upper(), "SansB", 7.5, "l", ink)
    y -= 4.8 * mm
    text(c, sx, y, buy["name"], "SansB", fit(buy["name"], "SansB", 9, sr - sx))
    y -= 4.2 * mm
    for s in buy["address"]:
        text(c, sx, y, s, "Sans", 8)
        y -= 3.8 * mm
    if buy.get("vat_id"):
        text(c, sx, y, "VAT No: " + (spaced_gb_vat(buy["vat_id"]) if not d["ie"] else buy["vat_id"]), "Sans", 7.5)
        y -= 3.8 * mm
    y -= 8 * mm
    text(c, sx, y, "CREDIT NOTE DETAILS" if credit else "INVOICE DETAILS", "SansB", 7.5, "l", ink)
    y -= 5 * mm
    meta = [("Credit Note No." if credit else d["lab_no"], d["number_truth"]), (d["lab_date"], dfmt(d["issue"]))]
    if d["due"]:
        meta.append((d["lab_due"], dfmt(d["due"])))
    if credit:
        meta.append(("Original invoice", d["orig"][0]))
    for lab, val in meta:
        text(c, sx, y, lab, "Sans", 7.5, "l", HexColor("#666666"))
        text(c, sr, y, val, "SansB", 8.3, "r")
        y -= 4.6 * mm
    # main column
    text(c, mx, H - 24 * mm, "CREDIT NOTE" if credit else "INVOICE", "SansB", 24, "l", ink)
    if not credit:
        text(c, mx, H - 30 * mm, "Tax invoice", "Sans", 8.5, "l", HexColor("#666666"))
    else:
        text(c, mx, H - 30 * mm, "Credit against invoice %s dated %s" % (d["orig"][0], dfmt(d["orig"][1])), "Sans", 8.5)
    cols = [dict(key="desc", title=["Description"], w=0, align="l", wrap=True),
            dict(key="qty", title=["Qty"], w=13 * mm, align="r"),
            dict(key="price", title=["Unit price"], w=19 * mm, align="r"),
            dict(key="rate", title=["VAT"], w=12 * mm, align="r"),
            dict(key="sum", title=["Amount"], w=21 * mm, align="r")]
    cols[0]["w"] = (mr - mx) - sum(col["w"] for col in cols)
    rows = [{"desc": l["desc"], "qty": fmt_qty(l["qty"], False), "price": A(l["price"]),
             "rate": l["rate"] + "%", "sum": A(l["net"])} for l in d["lines"]]
    st = dict(font="Sans", bold="SansB", size=8, head_size=7.5, pad=2, head_rule=True, rule=HexColor("#cccccc"))
    ty = draw_table(pg, H - 40 * mm, mx, cols, rows, st, 18 * mm)
    # totals at the bottom of the sidebar (last page) – ensure the sidebar has room on this page
    if pg.page == 1 and y < 100 * mm:
        pg.new_page()
    yb = 92 * mm
    text(c, sx, yb, "TOTALS", "SansB", 7.5, "l", ink)
    yb -= 5 * mm
    multi = len(d["vb"]) > 1
    text(c, sx, yb, "Subtotal", "Sans", 8.5)
    text(c, sr, yb, d["sym"] + A(d["net"]) if not d["net"] < 0 else "-" + d["sym"] + A(-d["net"]), "Sans", 8.5, "r")
    yb -= 4.5 * mm
    for v in d["vb"]:
        lab = "VAT %s%%" % v["rate"]
        if multi:
            lab += " on %s" % A(v["net"])
        text(c, sx, yb, lab, "Sans", 8.5)
        text(c, sr, yb, A(v["vat"]), "Sans", 8.5, "r")
        yb -= 4.5 * mm
    c.setStrokeColor(ink)
    c.setLineWidth(0.8)
    c.line(sx, yb + 3 * mm, sr, yb + 3 * mm)
    yb -= 1.5 * mm
    tot = d["sym"] + A(d["gross"]) if d["gross"] >= 0 else "-" + d["sym"] + A(-d["gross"])
    text(c, sx, yb, "Total credit" if credit else "Total due", "SansB", 10, "l", ink)
    text(c, sr, yb, tot, "SansB", 10, "r", ink)
    c.setStrokeColor(black)
    yb -= 11 * mm
    text(c, sx, yb, "PAYMENT DETAILS", "SansB", 7.5, "l", ink)
    yb -= 4.6 * mm
    bl = ["Bank: " + sup["bank"], "Account name: " + sup["name"]]
    if d["bank_style"] in ("sort", "both"):
        s = sup["sort"]
        bl += ["Sort code: %s-%s-%s" % (s[:2], s[2:4], s[4:]), "Account No: " + sup["acc"]]
    if d["bank_style"] in ("iban", "both"):
        bl += ["IBAN: " + spaced_iban(sup["iban"]), "BIC: " + sup["swift"]]
    if d.get("payref"):
        bl += ["%s: %s" % (d["payref_label"], d["payref"])]
    for s in bl:
        text(c, sx, yb, s, "Sans", fit(s, "Sans", 7.5, sr - sx))
        yb -= 3.7 * mm
    if ty > 30 * mm:
        note = "Thank you for your business." if credit else \
            ("Payment within %d days of invoice date. Thank you for your business." % ((d["due"] - d["issue"]).days) if d["due"] else "Thank you for your business.")
        text(c, mx, ty - 8 * mm, note, "Sans", 7.5, "l", HexColor("#555555"))
        if any(v["rate"] == "0" for v in d["vb"]):
            text(c, mx, ty - 12 * mm, "Items at 0% are zero-rated for VAT.", "Sans", 7.5, "l", HexColor("#555555"))
    pg.finish()
    return pg.page


# ============================================================================= (e) window_footer
WF_LAB = {
    "lt": dict(title="PVM SĄSKAITA FAKTŪRA", credit="KREDITINĖ PVM SĄSKAITA FAKTŪRA", no="Serija ir Nr.",
               date="Išrašymo data", cust="Kliento kodas", due="Apmokėti iki", orig="Pagal sąskaitą",
               intro="Už prekes ir paslaugas išrašome sąskaitą:", cols=["Nr.", "Aprašymas", "Kiekis", "Vnt.", "Kaina", "PVM", "Suma"],
               net="Suma be PVM", vat="PVM %s %% nuo %s", total="Iš viso mokėti", tel="Tel.", vatid="PVM kodas",
               co="Įmonės kodas", pay="Prašome sumokėti %s %s iki %s į žemiau nurodytą sąskaitą, nurodant sąskaitos numerį.",
               refund="Grąžintina suma %s %s bus pervesta per 10 dienų.", page="Puslapis %d iš %d",
               buyco="Įm. kodas", buyvat="PVM kodas"),
    "da": dict(title="FAKTURA", credit="KREDITNOTA", no="Fakturanr.", date="Fakturadato", cust="Kundenr.",
               due="Forfaldsdato", orig="Vedr. faktura", intro="Vi tillader os at fakturere følgende:",
               cols=["Pos.", "Beskrivelse", "Antal", "Enhed", "Enhedspris", "Moms", "Beløb"],
               net="Nettobeløb", vat="Moms %s %% af %s", total="Total DKK", tel="Tlf.", vatid="Momsnr.", co="CVR-nr.",
               pay="Beløbet %s %s bedes indbetalt senest %s på nedenstående konto med fakturanummer som reference.",
               refund="Beløbet %s %s tilbageføres inden for 10 dage.", page="Side %d af %d", buyco="CVR-nr.", buyvat="Momsnr."),
    "en": dict(title="INVOICE", credit="CREDIT NOTE", no="Invoice no.", date="Invoice date", cust="Customer no.",
               due="Due date", orig="Relating to invoice", intro="We are pleased to invoice you for the following:",
               cols=["Pos.", "Description", "Qty", "Unit", "Unit price", "VAT", "Amount"],
               net="Net amount", vat="VAT %s%% of %s", total="Total amount", tel="Tel.", vatid="VAT no.",
               co="Company no.", pay="Please pay %s %s by %s to the account below, quoting the invoice number.",
               refund="The amount of %s %s will be refunded within 10 days.", page="Page %d of %d",
               buyco="Company no.", buyvat="VAT no."),
}


def build_wf(rng, lang, credit, multipage, ie=False):
    d = {"layout": "window_footer", "lang": lang, "type": "credit_note" if credit else "invoice", "ie": ie}
    d["issue"] = rand_date(rng)
    if lang == "lt":
        d["currency"], d["amt"] = "EUR", "lt_space"
        d["supplier"], d["buyer"] = lt_party(rng, True), lt_party(rng, False)
        series = rng.choice(["KR", "KSF"]) if credit else rng.choice(["SF", "AB", "VKS", "PRD"])
        d["number_truth"] = "%s %06d" % (series, rng.randint(1, 99999))
        d["datefmt"] = rng.choice(["iso", "ltword"])
        rates = rng.choice([["21"], ["21", "9"], ["21", "0"]])
        cat = X.LT_ITEMS
        d["sup_show"] = {"name", "company_code", "vat_id", "address", "iban", "swift"}
        d["buy_show"] = {"name", "company_code", "address"} | ({"vat_id"} if d["buyer"].get("vat_id") else set())
    elif lang == "da":
        d["currency"], d["amt"] = "DKK", "da"
        d["supplier"], d["buyer"] = da_party(rng, True), da_party(rng, False)
        d["supplier"]["vat_id"] = "DK" + d["supplier"]["company_code"]
        d["number_truth"] = str(rng.randint(10000, 99999))
        d["datefmt"] = rng.choice(["dot", "daword"])
        rates = ["25", "0"] if rng.random() < 0.3 else ["25"]
        cat = X.DA_ITEMS
        d["sup_show"] = {"name", "company_code", "vat_id", "address", "iban", "swift"}
        d["buy_show"] = {"name", "company_code", "address"}
    else:
        d["currency"], d["amt"] = ("EUR" if ie else "GBP"), "en"
        d["supplier"], d["buyer"] = uk_party(rng, True, ie), uk_party(rng, False, ie)
        d["number_truth"] = ("CN" if credit else "INV") + "%d%05d" % (d["issue"].year % 100, rng.randint(1, 99999))
        d["datefmt"] = rng.choice(["enlong", "slash"])
        rates = rng.choice([["23"], ["23", "13.5"]]) if ie else rng.choice([["20"], ["20", "5"], ["20", "0"]])
        cat = X.IE_ITEMS if ie else X.UK_ITEMS
        d["sup_show"] = {"name", "company_code", "vat_id", "address", "iban", "swift"}
        d["buy_show"] = {"name", "address"} | ({"vat_id"} if d["buyer"].get("vat_id") else set())
    d["due"] = None if credit else d["issue"] + dt.timedelta(days=rng.choice([14, 21, 30]))
    n = rng.randint(30, 38) if multipage else rng.randint(2, 9)
    d["lines"] = pick_lines(rng, cat, rates, n, credit)
    d["vb"], d["net"], d["vat"], d["gross"] = compute_invoice(d["lines"])
    d["custno"] = str(rng.randint(10000, 99999))
    d["payref"] = None
    if credit:
        d["orig"] = ("SF %06d" % rng.randint(1, 99999) if lang == "lt" else str(rng.randint(10000, 99999)),
                     d["issue"] - dt.timedelta(days=rng.randint(5, 40)))
    d["title_meta"] = WF_LAB[lang]["credit" if credit else "title"].title()
    return d


def doc_style(d, labels):
    """What a three-language template draws a document with: its labels,
    money and date formats, decimal comma, parties, and whether it credits."""
    return (labels[d["lang"]], lambda x: fmt_amt(x, d["amt"]), lambda x: fmt_date(x, d["datefmt"]),
            d["lang"] != "en", d["supplier"], d["buyer"], d["type"] == "credit_note")


def draw_wf(c, d, total):
    W, H = A4
    lab, A, dfmt, comma, sup, buy, credit = doc_style(d, WF_LAB)
    lx, rx = 20 * mm, W - 15 * mm
    grey = HexColor("#555555")

    def footer(pg):
        c.setStrokeColor(HexColor("#999999"))
        c.setLineWidth(0.5)
        c.line(lx, 30 * mm, rx, 30 * mm)
        c.setStrokeColor(black)
        cols3 = [[sup["name"]] + sup["address"],
                 ["%s %s" % (lab["tel"], sup["phone"]), sup["email"], "%s %s" % (lab["vatid"], sup["vat_id"]),
                  "%s %s" % (lab["co"], sup["company_code"])],
                 [sup["bank"], "IBAN " + spaced_iban(sup["iban"]), "BIC " + sup["swift"]]]
        for k, col in enumerate(cols3):
            y = 26 * mm
            for s in col:
                text(c, lx + k * 62 * mm, y, s, "Sans", 6.8, "l", grey)
                y -= 3.2 * mm
        text(c, rx, 10 * mm, lab["page"] % (pg.page, pg.total or 1), "Sans", 7, "r", grey)

    def cont(pg):
        text(c, rx, H - 18 * mm, sup["name"], "SansB", 12, "r")
        text(c, lx, H - 18 * mm, "%s %s" % (lab["no"], d["number_truth"]), "Sans", 8.5)
        return H - 26 * mm

    pg = Pager(c, total, footer, cont)
    # the supplier's name as a letterhead, top right
    text(c, rx, H - 22 * mm, sup["name"], "SerifB", fit(sup["name"], "SerifB", 17, 95 * mm), "r", HexColor("#1f4e5f"))
    # the sender line over the window, then the buyer without a label
    sender = " · ".join([sup["name"]] + sup["address"])
    text(c, lx, H - 47 * mm, sender, "Sans", fit(sender, "Sans", 6.5, 85 * mm), "l", grey)
    c.setLineWidth(0.3)
    c.line(lx, H - 48.2 * mm, lx + 85 * mm, H - 48.2 * mm)
    y = H - 54 * mm
    text(c, lx, y, buy["name"], "Sans", 10)
    for s in buy["address"]:
        y -= 4.6 * mm
        text(c, lx, y, s, "Sans", 10)
    if "company_code" in d["buy_show"]:
        y -= 4.6 * mm
        text(c, lx, y, "%s %s" % (lab["buyco"], buy["company_code"]), "Sans", 8.5)
    if "vat_id" in d["buy_show"]:
        y -= 4.2 * mm
        vid = spaced_gb_vat(buy["vat_id"]) if buy["vat_id"].startswith("GB") else buy["vat_id"]
        text(c, lx, y, "%s %s" % (lab["buyvat"], vid), "Sans", 8.5)
    # details, right
    meta = [(lab["no"], d["number_truth"]), (lab["date"], dfmt(d["issue"])), (lab["cust"], d["custno"])]
    if d["due"]:
        meta.append((lab["due"], dfmt(d["due"])))
    if credit:
        meta.append((lab["orig"], d["orig"][0]))
    my = H - 54 * mm
    for k, v in meta:
        text(c, 122 * mm, my, k, "Sans", 8.5, "l", grey)
        text(c, rx, my, v, "Sans", 8.5, "r")
        my -= 4.6 * mm
    ty = min(y, my) - 14 * mm
    text(c, lx, ty, lab["credit" if credit else "title"], "SansB", 14)
    text(c, lx, ty - 7 * mm, lab["intro"], "Sans", 9)
    names = lab["cols"]
    cols = [dict(key="pos", title=[names[0]], w=11 * mm, align="l"),
            dict(key="desc", title=[names[1]], w=0, align="l", wrap=True),
            dict(key="qty", title=[names[2]], w=15 * mm, align="r"),
            dict(key="unit", title=[names[3]], w=13 * mm, align="l"),
            dict(key="price", title=[names[4]], w=22 * mm, align="r"),
            dict(key="rate", title=[names[5]], w=12 * mm, align="r"),
            dict(key="sum", title=[names[6]], w=24 * mm, align="r")]
    cols[1]["w"] = (rx - lx) - sum(col["w"] for col in cols)
    rows = [{"pos": str(i), "desc": l["desc"], "qty": fmt_qty(l["qty"], comma), "unit": l["unit"],
             "price": A(l["price"]), "rate": fmt_rate(l["rate"], comma) + " %", "sum": A(l["net"])}
            for i, l in enumerate(d["lines"], 1)]
    st = dict(font="Sans", bold="SansB", size=8.5, head_size=8, pad=2.2, head_rule=True, rule=None)
    y = draw_table(pg, ty - 12 * mm, lx, cols, rows, st, 40 * mm)
    need = (len(d["vb"]) + 2) * 5.5 * mm + 20 * mm
    if y - need < 36 * mm:
        y = pg.new_page()
    c.setLineWidth(0.6)
    c.line(lx, y - 1 * mm, rx, y - 1 * mm)
    y -= 6 * mm
    tx = 118 * mm
    text(c, tx, y, lab["net"], "Sans", 9)
    text(c, rx, y, A(d["net"]), "Sans", 9, "r")
    for v in d["vb"]:
        y -= 5 * mm
        text(c, tx, y, lab["vat"] % (fmt_rate(v["rate"], comma), A(v["net"])), "Sans", 9)
        text(c, rx, y, A(v["vat"]), "Sans", 9, "r")
    y -= 6.5 * mm
    text(c, tx, y, lab["total"] if d["lang"] == "da" else "%s %s" % (lab["total"], d["currency"]), "SansB", 10)
    text(c, rx, y, A(d["gross"]), "SansB", 10, "r")
    y -= 12 * mm
    if credit:
        s = lab["refund"] % (d["currency"], A(-d["gross"]))
    else:
        s = lab["pay"] % (d["currency"], A(d["gross"]), dfmt(d["due"]))
    text(c, lx, y, s, "Sans", fit(s, "Sans", 8.5, rx - lx))
    pg.finish()
    return pg.page


# ============================================================================= (f) discounts
DS_LAB = {
    "lt": dict(title="PVM SĄSKAITA FAKTŪRA", credit="KREDITINĖ PVM SĄSKAITA FAKTŪRA",
               band=["Serija ir Nr.", "Data", "Apmokėti iki", "Užsakymo Nr."], orig="Koreguojama sąskaita",
               buyer="Pirkėjas", deliver="Pristatymo adresas", co="Įm. k.", vatid="PVM k.", tel="Tel.",
               cols=["Kodas", "Prekės pavadinimas", "Kiekis", "Mato vnt.", "Kaina", "Nuolaida", "PVM", "Suma"],
               goods="Suma be nuolaidų", disc="Nuolaida", net="Suma be PVM", vat="PVM %s %%", total="Iš viso su PVM",
               carry="Perkelta", brought="Perkelta iš ankstesnio puslapio", bank="Bankas", acc="A. s.",
               page="%d psl. iš %d", issuer="Sąskaitą išrašė", terms=None),
    "da": dict(title="FAKTURA", credit="KREDITNOTA", band=["Fakturanr.", "Dato", "Forfald", "Ordrenr."],
               orig="Vedr. faktura", buyer="Kunde", deliver="Leveringsadresse", co="CVR-nr.", vatid="Momsnr.",
               tel="Tlf.", cols=["Varenr.", "Tekst", "Antal", "Enhed", "Pris", "Rabat", "Moms", "Beløb"],
               goods="Varer i alt", disc="Rabat", net="Beløb ekskl. moms", vat="Moms %s %%", total="I alt DKK",
               carry="Transport", brought="Transport", bank="Bank", acc="Konto",
               page="Side %d af %d", issuer="Kontaktperson", terms="Betalingsbetingelser: netto %d dage"),
    "en": dict(title="INVOICE", credit="CREDIT NOTE", band=["Invoice No.", "Date", "Due", "Order No."],
               orig="Credit for invoice", buyer="Bill to", deliver="Deliver to", co="Reg. no.", vatid="VAT reg.",
               tel="Tel.", cols=["Code", "Item", "Qty", "Unit", "Price", "Disc.", "VAT", "Total"],
               goods="Goods total", disc="Less discount", net="Net total", vat="VAT @ %s%%", total="Total due",
               carry="Carried forward", brought="Brought forward", bank="Bank", acc="IBAN",
               page="Page %d of %d", issuer="Issued by", terms="Payment terms: %d days net"),
}

LT_ONES = ["", "vienas", "du", "trys", "keturi", "penki", "šeši", "septyni", "aštuoni", "devyni"]
LT_TEENS = ["dešimt", "vienuolika", "dvylika", "trylika", "keturiolika", "penkiolika", "šešiolika",
            "septyniolika", "aštuoniolika", "devyniolika"]
LT_TENS = ["", "", "dvidešimt", "trisdešimt", "keturiasdešimt", "penkiasdešimt", "šešiasdešimt",
           "septyniasdešimt", "aštuoniasdešimt", "devyniasdešimt"]


def lt_form(n, one, few, many):
    """The Lithuanian noun form a count takes: 1, 21 'euras'; 2-9 'eurai'; 0, 10-20 'eurų'."""
    if n % 10 == 0 or 10 < n % 100 < 20:
        return many
    return one if n % 10 == 1 else few


def lt_words_999(n):
    out = []
    h, r = divmod(n, 100)
    if h:
        out += ([LT_ONES[h]] if h > 1 else []) + ["šimtas" if h == 1 else "šimtai"]
    if 10 <= r < 20:
        out.append(LT_TEENS[r - 10])
    else:
        if r >= 20:
            out.append(LT_TENS[r // 10])
        if r % 10:
            out.append(LT_ONES[r % 10])
    return out


def lt_amount_words(x):
    """An amount in Lithuanian words, as printed under an invoice's totals
    ('vienas tūkstantis du šimtai keturi eurai 56 ct')."""
    x = abs(r2(x))
    e, ct = int(x), int((x - int(x)) * 100)
    th, rest = divmod(e, 1000)
    w = []
    if th:
        w += lt_words_999(th) + [lt_form(th, "tūkstantis", "tūkstančiai", "tūkstančių")]
    w += lt_words_999(rest)
    if not w:
        w = ["nulis"]
    return "%s %s %02d ct" % (" ".join(w), lt_form(e, "euras", "eurai", "eurų"), ct)


def build_ds(rng, lang, credit, multipage, ie=False):
    d = {"layout": "discount", "lang": lang, "type": "credit_note" if credit else "invoice", "ie": ie}
    d["issue"] = rand_date(rng)
    if lang == "lt":
        d["currency"], d["amt"] = "EUR", rng.choice(["lt_space", "lt_plain"])
        d["supplier"], d["buyer"] = lt_party(rng, True), lt_party(rng, False)
        series = rng.choice(["KS", "KR"]) if credit else rng.choice(["PP", "AA", "SAS", "LK"])
        d["number_truth"] = "%s %05d" % (series, rng.randint(1, 99999))
        d["datefmt"] = rng.choice(["iso", "ltdot"])
        rates = rng.choice([["21"], ["21", "9"], ["21", "5"]])
        cat = X.LT_ITEMS
        d["sup_show"] = {"name", "company_code", "vat_id", "address", "iban", "swift"}
        d["buy_show"] = {"name", "company_code", "address"} | ({"vat_id"} if d["buyer"].get("vat_id") else set())
        d["order"] = "UZ-%05d" % rng.randint(1, 99999)
    elif lang == "da":
        d["currency"], d["amt"] = "DKK", "da"
        d["supplier"], d["buyer"] = da_party(rng, True), da_party(rng, False)
        d["number_truth"] = str(rng.randint(100000, 999999))
        d["datefmt"] = rng.choice(["dot", "dash"])
        rates = ["25", "0"] if rng.random() < 0.3 else ["25"]
        cat = X.DA_ITEMS
        d["sup_show"] = {"name", "company_code", "address", "iban", "swift"}
        d["buy_show"] = {"name", "address"} | ({"company_code"} if rng.random() < 0.6 else set())
        d["order"] = str(rng.randint(100000, 999999))
    else:
        d["currency"], d["amt"] = ("EUR" if ie else "GBP"), "en"
        d["supplier"], d["buyer"] = uk_party(rng, True, ie), uk_party(rng, False, ie)
        d["number_truth"] = "%s-%05d" % (rng.choice(["SI", "INV", "S"]), rng.randint(1, 99999))
        d["datefmt"] = rng.choice(["slash", "enshort"])
        rates = rng.choice([["23"], ["23", "13.5"]]) if ie else rng.choice([["20"], ["20", "5"]])
        cat = X.IE_ITEMS if ie else X.UK_ITEMS
        d["sup_show"] = {"name", "company_code", "vat_id", "address", "iban", "swift"}
        d["buy_show"] = {"name", "address"} | ({"vat_id"} if d["buyer"].get("vat_id") else set())
        d["order"] = "PO%d" % rng.randint(10000, 99999)
    d["due"] = None if credit else d["issue"] + dt.timedelta(days=rng.choice([7, 14, 30]))
    n = rng.randint(34, 44) if multipage else rng.randint(2, 10)
    d["lines"] = pick_lines(rng, cat, rates, n, credit)
    for l in d["lines"]:
        l["sku"] = rng.choice(["%s-%04d" % (rng.choice("ABCDKMPT"), rng.randint(1, 9999)),
                               "%d" % rng.randint(100000, 999999)])
        l["disc"] = D(rng.choice(["2", "3", "5", "7.5", "10", "12", "15", "20", "25"])) if rng.random() < 0.45 else D(0)
    if all(l["disc"] == 0 for l in d["lines"]):
        d["lines"][rng.randrange(n)]["disc"] = D("10")
    d["vb"], d["net"], d["vat"], d["gross"] = compute_invoice(d["lines"])
    d["goods"] = sum((r2(l["qty"] * l["price"]) for l in d["lines"]), D(0))
    d["show_goods"] = rng.random() < 0.6
    d["no_disc"] = rng.choice(["", "–", "0 %"])
    d["pct"] = rng.choice(["%s %%", "%s%%"])
    d["deliver"] = (lt_address(rng) if lang == "lt" else da_party(rng, False)["address"] if lang == "da"
                    else uk_party(rng, False, ie)["address"]) if rng.random() < 0.5 else None
    d["issuer"] = rng.choice(X.LT_PEOPLE if lang == "lt" else X.DA_PEOPLE if lang == "da" else X.EN_PEOPLE)
    d["payref"] = None
    if credit:
        d["orig"] = ("%s %05d" % (rng.choice(["PP", "AA"]), rng.randint(1, 99999)) if lang == "lt"
                     else str(rng.randint(100000, 999999)) if lang == "da" else "INV-%05d" % rng.randint(1, 99999),
                     d["issue"] - dt.timedelta(days=rng.randint(5, 40)))
    d["title_meta"] = DS_LAB[lang]["credit" if credit else "title"].title()
    return d


def draw_ds(c, d, total):
    W, H = A4
    lab, A, dfmt, comma, sup, buy, credit = doc_style(d, DS_LAB)
    L, R = 18 * mm, W - 18 * mm
    grey = HexColor("#666666")
    multi = len(d["vb"]) > 1

    def footer(pg):
        c.setStrokeColor(HexColor("#aaaaaa"))
        c.setLineWidth(0.5)
        c.line(L, 22 * mm, R, 22 * mm)
        c.setStrokeColor(black)
        bank = "%s: %s · %s %s · SWIFT %s" % (lab["bank"], sup["bank"], lab["acc"], spaced_iban(sup["iban"]),
                                              sup["swift"])
        text(c, L, 17 * mm, bank, "Sans", fit(bank, "Sans", 7.5, R - L - 30 * mm), "l", grey)
        text(c, R, 17 * mm, lab["page"] % (pg.page, pg.total or 1), "Sans", 7.5, "r", grey)

    def cont(pg):
        text(c, L, H - 18 * mm, sup["name"], "SansB", 10)
        text(c, R, H - 18 * mm, "%s %s" % (lab["band"][0], d["number_truth"]), "Sans", 9, "r")
        return H - 26 * mm

    pg = Pager(c, total, footer, cont)
    # the supplier, top left, without a label; the title top right
    text(c, L, H - 20 * mm, sup["name"], "SansB", fit(sup["name"], "SansB", 15, 100 * mm))
    y = H - 25.5 * mm
    for s in sup["address"]:
        text(c, L, y, s, "Sans", 9)
        y -= 4.2 * mm
    ids = ["%s %s" % (lab["co"], sup["company_code"])]
    if "vat_id" in d["sup_show"]:
        ids.append("%s %s" % (lab["vatid"], spaced_gb_vat(sup["vat_id"]) if sup["vat_id"].startswith("GB")
                              else sup["vat_id"]))
    text(c, L, y, "   ".join(ids), "Sans", 8.5)
    y -= 4.2 * mm
    text(c, L, y, "%s %s · %s" % (lab["tel"], sup["phone"], sup["email"]), "Sans", 8.5, "l", grey)
    title = lab["credit" if credit else "title"]
    text(c, R, H - 20 * mm, title, "SansB", fit(title, "SansB", 16, 80 * mm), "r")
    # the details in a shaded band: labels over values
    cells = [(lab["band"][0], d["number_truth"]), (lab["band"][1], dfmt(d["issue"]))]
    if credit:
        cells.append((lab["orig"], d["orig"][0]))
    else:
        cells.append((lab["band"][2], dfmt(d["due"])))
    cells.append((lab["band"][3], d["order"]))
    by = min(y, H - 44 * mm) - 6 * mm
    c.setFillColor(HexColor("#eeeeee"))
    c.rect(L, by - 12 * mm, R - L, 12 * mm, stroke=0, fill=1)
    c.setFillColor(black)
    cw = (R - L) / len(cells)
    for k, (a, b) in enumerate(cells):
        text(c, L + 3 * mm + k * cw, by - 4.2 * mm, a, "Sans", 7.5, "l", grey)
        text(c, L + 3 * mm + k * cw, by - 9.5 * mm, b, "SansB", 10)
    # the buyer under its label; a delivery address beside it
    y = by - 20 * mm
    text(c, L, y, lab["buyer"], "SansB", 8, "l", grey)
    y -= 5 * mm
    text(c, L, y, buy["name"], "SansB", 10)
    for s in buy["address"]:
        y -= 4.4 * mm
        text(c, L, y, s, "Sans", 9.5)
    bid = []
    if "company_code" in d["buy_show"]:
        bid.append("%s %s" % (lab["co"], buy["company_code"]))
    if "vat_id" in d["buy_show"]:
        bid.append("%s %s" % (lab["vatid"], buy["vat_id"]))
    for s in bid:
        y -= 4.4 * mm
        text(c, L, y, s, "Sans", 8.5)
    if d["deliver"]:
        dy = by - 20 * mm
        text(c, 110 * mm, dy, lab["deliver"], "SansB", 8, "l", grey)
        dy -= 5 * mm
        text(c, 110 * mm, dy, buy["name"], "Sans", 9.5)
        for s in d["deliver"]:
            dy -= 4.4 * mm
            text(c, 110 * mm, dy, s, "Sans", 9.5)
    # the items, with a discount column and, where rates differ, a VAT column
    names = lab["cols"]
    cols = [dict(key="sku", title=[names[0]], w=19 * mm, align="l"),
            dict(key="desc", title=[names[1]], w=0, align="l", wrap=True),
            dict(key="qty", title=[names[2]], w=15 * mm, align="r"),
            dict(key="unit", title=[names[3]], w=15 * mm, align="l"),
            dict(key="price", title=[names[4]], w=20 * mm, align="r"),
            dict(key="disc", title=[names[5]], w=17 * mm, align="r")]
    if multi:
        cols.append(dict(key="rate", title=[names[6]], w=12 * mm, align="r"))
    cols.append(dict(key="sum", title=[names[7]], w=22 * mm, align="r"))
    cols[1]["w"] = (R - L) - sum(col["w"] for col in cols)

    def pct(x):
        return d["pct"] % fmt_rate(format(x.normalize(), "f"), comma) if x else d["no_disc"]

    rows = [{"sku": l["sku"], "desc": l["desc"], "qty": fmt_qty(l["qty"], comma), "unit": l["unit"],
             "price": A(l["price"]), "disc": pct(l["disc"]), "rate": fmt_rate(l["rate"], comma) + " %",
             "sum": A(l["net"])} for l in d["lines"]]
    xs = L + cols[0]["w"]

    def carry(y, done, where):
        s = sum((l["net"] for l in d["lines"][:done]), D(0))
        if where == "out":
            c.setLineWidth(0.6)
            c.line(L, y - 1 * mm, R, y - 1 * mm)
            text(c, xs + 3, y - 5 * mm, lab["carry"], "SansB", 8.5)
            text(c, R - 3, y - 5 * mm, A(s), "SansB", 8.5, "r")
            return y
        text(c, xs + 3, y - 4.5 * mm, lab["brought"], "SansB", 8.5)
        text(c, R - 3, y - 4.5 * mm, A(s), "SansB", 8.5, "r")
        return y - 7 * mm

    pg.carry = carry
    st = dict(font="Sans", bold="SansB", size=8.5, head_size=8, pad=2, head_fill=HexColor("#dddddd"),
              rule=HexColor("#cccccc"))
    y = draw_table(pg, y - 12 * mm, L, cols, rows, st, 36 * mm)
    pg.carry = None
    lines_n = len(d["vb"]) + (4 if d["show_goods"] else 2)
    if y - lines_n * 5.5 * mm - 30 * mm < 30 * mm:
        y = pg.new_page()
    # totals, right; a rate's base beside its VAT where there are several
    tx, bx = 112 * mm, 160 * mm
    y -= 7 * mm
    if d["show_goods"]:
        text(c, tx, y, lab["goods"], "Sans", 9)
        text(c, R, y, A(d["goods"]), "Sans", 9, "r")
        y -= 5 * mm
        text(c, tx, y, lab["disc"], "Sans", 9)
        text(c, R, y, A(d["net"] - d["goods"]), "Sans", 9, "r")
        y -= 5 * mm
    text(c, tx, y, lab["net"], "SansB" if d["show_goods"] else "Sans", 9)
    text(c, R, y, A(d["net"]), "SansB" if d["show_goods"] else "Sans", 9, "r")
    for v in d["vb"]:
        y -= 5 * mm
        text(c, tx, y, lab["vat"] % fmt_rate(v["rate"], comma), "Sans", 9)
        if multi:
            text(c, bx, y, A(v["net"]), "Sans", 9, "r", grey)
        text(c, R, y, A(v["vat"]), "Sans", 9, "r")
    y -= 1.5 * mm
    c.setLineWidth(0.8)
    c.line(tx, y, R, y)
    y -= 5 * mm
    text(c, tx, y, lab["total"] if d["lang"] == "da" else "%s %s" % (lab["total"], d["currency"]), "SansB", 10.5)
    text(c, R, y, A(d["gross"]), "SansB", 10.5, "r")
    y -= 12 * mm
    if d["lang"] == "lt":
        s = "Suma žodžiais: " + lt_amount_words(d["gross"])
        text(c, L, y, s, "Sans", fit(s, "Sans", 8.5, R - L))
    elif not credit:
        text(c, L, y, lab["terms"] % (d["due"] - d["issue"]).days, "Sans", 8.5)
    y -= 8 * mm
    text(c, L, y, "%s: %s" % (lab["issuer"], d["issuer"]), "Sans", 8.5, "l", grey)
    pg.finish()
    return pg.page


def fit(s, font, size, width):
    while sw(s, font, size) > width and size > 5:
        size -= 0.25
    return size


# ============================================================================= (d) receipt_80
RC_LAB = {
    "lt": dict(title={"shop": "KASOS ČEKIS", "cafe": "SĄSKAITA"}, item="Prekė", qty="Kiekis", price="Kaina",
               sum="Suma", rate="PVM", total="MOKĖTI", tip="Arbatpinigiai", paid="Iš viso sumokėta",
               card="Mokėta kortele", cash="Grynieji", change="Grąža", vat=("PVM %", "Be PVM", "PVM", "Su PVM"),
               vtot="Iš viso", no="Čekio Nr.", till="Kasa", cashier="Kasininkas", waiter="Padavėjas",
               table="Stalas", thanks="Ačiū, kad apsilankėte!", ids=("Įm. k.", "PVM k.")),
    "da": dict(title={"shop": "KVITTERING", "cafe": "REGNING"}, item="Vare", qty="Antal", price="Pris",
               sum="Beløb", rate="Moms", total="I ALT", tip="Drikkepenge", paid="Betalt i alt",
               card="Betalt med kort", cash="Kontant", change="Byttepenge", vat=("Moms%", "Netto", "Moms", "Brutto"),
               vtot="I alt", no="Bon nr.", till="Kasse", cashier="Ekspedient", waiter="Tjener",
               table="Bord", thanks="Tak for besøget – på gensyn!", ids=("CVR-nr.", None)),
    "en": dict(title={"shop": "VAT RECEIPT", "cafe": "BILL"}, item="Item", qty="Qty", price="Price",
               sum="Total", rate="VAT", total="TOTAL", tip="Gratuity", paid="Total paid",
               card="Card payment", cash="Cash", change="Change", vat=("VAT rate", "Net", "VAT", "Gross"),
               vtot="Total", no="Receipt No.", till="Till", cashier="Served by", waiter="Server",
               table="Table", thanks="Thank you for visiting!", ids=(None, "VAT No.")),
}
RC_SHOPS = {
    "lt": {"shop": ["Turgelis", "Kampelis", "Šeimos parduotuvė"], "cafe": ["Senoji smuklė", "Kavinė „Liepa“", "Bistro „Ąžuolas“"]},
    "da": {"shop": ["Købmand", "Nærbutik", "Dagligvarer"], "cafe": ["Café", "Bageri & Café", "Kro"]},
    "en": {"shop": ["Corner Shop", "Convenience Store", "Grocers"], "cafe": ["Café", "Kitchen", "Bar & Grill"]},
}


def build_rc(rng, lang, ie, kind):
    d = {"layout": "receipt_80", "lang": lang, "type": "receipt", "kind": kind, "ie": ie}
    if lang == "lt":
        d["currency"] = "EUR"
        base = rng.choice(X.LT_WORDS)
        nm = ("UAB „%s“" % base) if rng.random() < 0.6 else ("MB „%s“" % base)
        p = {"name": nm, "company_code": gen_lt_company(rng), "vat_id": gen_lt_vat(rng, False), "address": lt_address(rng)}
        show = {"name", "company_code", "vat_id", "address"}
        amt, cat = "lt_plain", X.RC[("lt", kind)]
    elif lang == "da":
        d["currency"] = "DKK"
        pc, city = rng.choice(X.DA_CITIES)
        nm = "%s %s" % (rng.choice(["Brandts", "Holms", "Aagaards", "Søby", "Lykkes", "Bechs"]), rng.choice(RC_SHOPS["da"][kind]))
        p = {"name": nm, "company_code": gen_dk_cvr(rng),
             "address": ["%s %d" % (rng.choice(X.DA_STREETS), rng.randint(1, 120)), "%s %s" % (pc, city)]}
        show = {"name", "company_code", "address"}
        amt, cat = "da", X.RC[("da", kind)]
    else:
        d["currency"] = "EUR" if ie else "GBP"
        q = uk_party(rng, True, ie)
        nm = "%s %s" % (rng.choice(["Harbour", "Old Mill", "Riverside", "Foxglove", "Oak Tree", "Lantern"]), rng.choice(RC_SHOPS["en"][kind]))
        if rng.random() < 0.5:
            nm += " Ltd"
        p = {"name": nm, "vat_id": q["vat_id"], "address": q["address"]}
        show = {"name", "vat_id", "address"}
        amt, cat = "en", X.RC[("ie" if ie else "uk", kind)]
    d["supplier"], d["sup_show"], d["amt"] = p, show, amt
    rates = list(cat.keys())
    n = rng.randint(3, 11)
    lines = []
    for i in range(n):
        rate = rates[0] if (i == 0 or rng.random() < 0.6) else rng.choice(rates)
        desc, (lo, hi), weighed = rng.choice(cat[rate])
        price = D(str(rng.uniform(lo, hi))).quantize(C2)
        if lang == "da":
            price = (price * 4).quantize(D(1)) / 4  # x,00 / x,25 / x,50 / x,75
            price = price.quantize(C2)
        if weighed:
            q = D(str(round(rng.uniform(0.2, 2.4), 3))).normalize()
            lines.append({"desc": desc, "unit": "kg", "qty": q, "price": price, "rate": rate, "weighed": True})
        else:
            q = D(rng.choice([1, 1, 1, 1, 2, 2, 3, 4]))
            lines.append({"desc": desc, "unit": None, "qty": q, "price": price, "rate": rate, "weighed": False})
    d["lines"] = lines
    d["vb"], d["net"], d["vat"], d["gross"] = compute_receipt(lines)
    d["paymethod"] = "card" if rng.random() < 0.6 else "cash"
    d["tip"] = D("0.00")
    if kind == "cafe" and d["paymethod"] == "card" and rng.random() < 0.75:
        d["tip"] = r2(d["gross"] * D(rng.choice(["0.05", "0.08", "0.10", "0.125"])))
        if lang == "da":
            d["tip"] = r2(D(int(d["tip"]) + 1))
    if d["paymethod"] == "cash":
        g = d["gross"] + d["tip"]
        step = D(50) if lang == "da" else D(5)
        d["tendered"] = ((g / step).to_integral_value(rounding="ROUND_CEILING")) * step
        if d["tendered"] == g:
            d["tendered"] += step
    d["issue"] = rand_date(rng)
    d["time"] = "%02d:%02d:%02d" % (rng.randint(8, 21), rng.randint(0, 59), rng.randint(0, 59))
    fmtno = rng.choice(["plain", "dash", "slash"])
    if fmtno == "plain":
        d["number_truth"] = str(rng.randint(100000, 9999999))
    elif fmtno == "dash":
        d["number_truth"] = "%04d-%06d" % (rng.randint(1, 99), rng.randint(1, 999999))
    else:
        d["number_truth"] = "%d/%d/%d" % (rng.randint(1, 9999), rng.randint(1, 99), rng.randint(1, 9999))
    d["datefmt"] = {"lt": rng.choice(["iso", "ltdot"]), "da": rng.choice(["dot", "dash"]),
                    "en": rng.choice(["slash", "enshort", "endash"])}[lang]
    d["till"] = rng.randint(1, 9)
    d["person"] = rng.choice({"lt": ["Rūta", "Jonas", "Aušra", "Žydrūnas"], "da": ["Mette", "Søren", "Åse", "Lars"],
                              "en": ["Chloe", "Sean", "Aisling", "Dave"]}[lang])
    d["table"] = rng.randint(1, 30)
    d["pan"] = "%04d" % rng.randint(0, 9999)
    d["scheme"] = rng.choice(["VISA", "Mastercard", "Dankort" if lang == "da" else "Maestro"])
    d["title_meta"] = "Receipt"
    return d


def rc_layout(d):
    """Return list of rows; each row = list of (x_mm, text, font, size, align); plus row height."""
    Lb = RC_LAB[d["lang"]]
    A = lambda x: fmt_amt(x, d["amt"])
    comma = d["lang"] != "en"
    W = 80
    l, r = 4, W - 4
    rows = []
    add = lambda items, h=3.6: rows.append((items, h))
    p = d["supplier"]
    add([(W / 2, p["name"], "CondB", 10.5, "c")], 5)
    for s in p["address"]:
        add([(W / 2, s, "Cond", 7.8, "c")])
    if d["lang"] == "lt":
        add([(W / 2, "Įm. k. %s   PVM k. %s" % (p["company_code"], p["vat_id"]), "Cond", 7.3, "c")])
    elif d["lang"] == "da":
        add([(W / 2, "CVR-nr. " + p["company_code"], "Cond", 7.5, "c")])
    else:
        v = spaced_gb_vat(p["vat_id"]) if p["vat_id"].startswith("GB") else p["vat_id"]
        add([(W / 2, "VAT No. " + v, "Cond", 7.5, "c")])
    add([], 2.5)
    add([(W / 2, Lb["title"][d["kind"]], "CondB", 9.5, "c")], 5)
    if d["kind"] == "cafe":
        add([(l, "%s %d" % (Lb["table"], d["table"]), "Cond", 7.5, "l"), (r, "%s: %s" % (Lb["waiter"], d["person"]), "Cond", 7.5, "r")])
    add([("rule",)], 2.5)
    cq, cp, cs, cr = 41, 53.5, 66.5, r  # right edges (rate column needs room for "13,5%")
    add([(l, Lb["item"], "CondB", 7.3, "l"), (cq, Lb["qty"], "CondB", 7.3, "r"), (cp, Lb["price"], "CondB", 7.3, "r"),
         (cs, Lb["sum"], "CondB", 7.3, "r"), (cr, Lb["rate"], "CondB", 7.3, "r")])
    add([("rule",)], 2.5)
    for ln in d["lines"]:
        qs = fmt_qty(ln["qty"], comma)
        if ln["weighed"]:
            qs += " kg"
        nums = [(cq, qs, "Cond", 7.8, "r"), (cp, A(ln["price"]), "Cond", 7.8, "r"), (cs, A(ln["net"]), "Cond", 7.8, "r"),
                (cr, fmt_rate(ln["rate"], comma) + "%", "Cond", 7.0, "r")]
        lim = cq - sw(qs, "Cond", 7.8) - 2.5
        if sw(ln["desc"], "Cond", 7.8) / mm <= lim - l:
            add([(l, ln["desc"], "Cond", 7.8, "l")] + nums)
        else:
            add([(l, ln["desc"], "Cond", 7.8, "l")], 3.3)
            add(nums)
    add([("rule",)], 2.5)
    cur = {"EUR": "EUR", "DKK": "DKK", "GBP": "GBP"}[d["currency"]]
    add([(l, Lb["total"], "CondB", 11, "l"), (r, "%s %s" % (A(d["gross"]), cur), "CondB", 11, "r")], 5.5)
    if d["tip"] > 0:
        add([(l, Lb["tip"], "Cond", 8, "l"), (r, A(d["tip"]), "Cond", 8, "r")])
        add([(l, Lb["paid"], "CondB", 8.3, "l"), (r, A(d["gross"] + d["tip"]), "CondB", 8.3, "r")], 4)
    add([], 1.5)
    if d["paymethod"] == "card":
        add([(l, "%s (%s)" % (Lb["card"], d["scheme"]), "Cond", 8, "l"), (r, A(d["gross"] + d["tip"]), "Cond", 8, "r")])
        add([(l, "**** **** **** " + d["pan"], "Cond", 7.3, "l"), (r, "Kontaktløs" if d["lang"] == "da" else ("Bekontaktė" if d["lang"] == "lt" else "Contactless"), "Cond", 7.3, "r")])
    else:
        add([(l, Lb["cash"], "Cond", 8, "l"), (r, A(d["tendered"]), "Cond", 8, "r")])
        add([(l, Lb["change"], "Cond", 8, "l"), (r, A(d["tendered"] - d["gross"] - d["tip"]), "Cond", 8, "r")])
    add([("rule",)], 2.5)
    v = Lb["vat"]
    add([(l, v[0], "CondB", 7.3, "l"), (38, v[1], "CondB", 7.3, "r"), (56, v[2], "CondB", 7.3, "r"), (r, v[3], "CondB", 7.3, "r")])
    for b in d["vb"]:
        add([(l, fmt_rate(b["rate"], comma) + " %", "Cond", 7.5, "l"), (38, A(b["net"]), "Cond", 7.5, "r"),
             (56, A(b["vat"]), "Cond", 7.5, "r"), (r, A(b["gross"]), "Cond", 7.5, "r")])
    if len(d["vb"]) > 1:
        add([(l, Lb["vtot"], "CondB", 7.5, "l"), (38, A(d["net"]), "CondB", 7.5, "r"),
             (56, A(d["vat"]), "CondB", 7.5, "r"), (r, A(d["gross"]), "CondB", 7.5, "r")])
    add([("rule",)], 2.5)
    add([(l, "%s %s" % (fmt_date(d["issue"], d["datefmt"]), d["time"]), "Cond", 7.5, "l"),
         (r, "%s %d" % (Lb["till"], d["till"]), "Cond", 7.5, "r")])
    add([(l, "%s %s" % (Lb["no"], d["number_truth"]), "CondB", 7.8, "l"),
         (r, "%s: %s" % (Lb["cashier"], d["person"]), "Cond", 7.5, "r")])
    add([], 2)
    add([(W / 2, Lb["thanks"], "Cond", 8, "c")], 4)
    return rows


def draw_rc(c, d, total):
    rows = rc_layout(d)
    W = 80 * mm
    Ht = d["_h"]
    y = Ht - 8 * mm
    for items, h in rows:
        y -= h * mm
        for it in items:
            if it[0] == "rule":
                c.setDash(1.5, 1.5)
                c.setLineWidth(0.4)
                c.line(4 * mm, y + h * mm * 0.45, W - 4 * mm, y + h * mm * 0.45)
                c.setDash()
                continue
            x, s, f, sz, al = it
            text(c, x * mm, y, s, f, sz, al)
    c.showPage()
    return 1


def rc_height(d):
    return (sum(h for _, h in rc_layout(d)) + 16) * mm


# ============================================================================= scans
def make_scan(pdf, outdir, stem, dpi, rng):
    from PIL import Image, ImageFilter
    import numpy as np
    tmp = tempfile.mkdtemp()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-jpeg", "-jpegopt", "quality=95", pdf, os.path.join(tmp, "p")], check=True)
    pages = sorted(os.listdir(tmp), key=lambda s: int(s.split("-")[1].split(".")[0]))
    grey = rng.random() < 0.4
    for k, fn in enumerate(pages, 1):
        im = Image.open(os.path.join(tmp, fn)).convert("RGB")
        if grey:
            im = im.convert("L")
        ang = rng.uniform(-1.5, 1.5)
        fill = 255 if grey else (255, 255, 255)
        im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill)
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
        a = np.asarray(im).astype(np.float32)
        # uneven lighting + slight paper tint + noise
        h, w = a.shape[:2]
        gy = np.linspace(0, 1, h)[:, None]
        gx = np.linspace(0, 1, w)[None, :]
        light = 1.0 - rng.uniform(0.0, 0.08) * (gx * rng.uniform(0.3, 1) + gy * rng.uniform(0.3, 1)) / 2
        if a.ndim == 3:
            light = light[:, :, None]
            tint = np.array([rng.uniform(0.97, 1.0), rng.uniform(0.97, 1.0), rng.uniform(0.93, 0.99)], dtype=np.float32)
            a = a * tint
        a = a * light
        nrng = np.random.default_rng(rng.randint(0, 2 ** 31))
        a = a + nrng.normal(0, rng.uniform(4, 9), a.shape)
        a = np.clip(a, 0, 255).astype(np.uint8)
        im = Image.fromarray(a)
        im.save(os.path.join(outdir, "%s.p%d.jpg" % (stem, k)), "JPEG", quality=rng.randint(70, 80), dpi=(dpi, dpi))
    shutil.rmtree(tmp)
    return len(pages)


# ============================================================================= main
def plan(rng):
    specs = []
    # (a) LT: 10 docs, 2 credit notes, 2 multi-page
    for i in range(10):
        specs.append(("lt_boxes", dict(credit=i in (3, 7), multipage=i in (1, 8))))
    for i in range(10):
        specs.append(("da_rightmeta", dict(credit=i == 5, multipage=i in (2, 9))))
    for i in range(10):
        specs.append(("en_sidebar", dict(credit=i in (2, 6), multipage=i in (4, 9), ie=i in (1, 3, 6, 8))))
    rc = [("lt", False, "shop"), ("lt", False, "cafe"), ("lt", False, "shop"), ("lt", False, "cafe"),
          ("da", False, "shop"), ("da", False, "cafe"), ("da", False, "cafe"),
          ("en", False, "shop"), ("en", False, "cafe"), ("en", True, "cafe")]
    for lang, ie, kind in rc:
        specs.append(("receipt_80", dict(lang=lang, ie=ie, kind=kind)))
    rng.shuffle(specs)
    # (e) added later, after the shuffle, so that documents 1-40 stay as they were
    for lang, credit, multipage, ie in [("lt", False, False, False), ("da", False, True, False), ("en", False, False, False),
                                        ("lt", True, False, False), ("da", False, False, False), ("en", False, False, True),
                                        ("lt", False, True, False), ("da", True, False, False), ("en", True, False, False),
                                        ("lt", False, False, False), ("da", False, False, False), ("en", False, True, False)]:
        specs.append(("window_footer", dict(lang=lang, credit=credit, multipage=multipage, ie=ie)))
    # (f) added after (e), for the same reason
    for lang, credit, multipage, ie in [("lt", False, False, False), ("en", False, True, False), ("da", False, False, False),
                                        ("lt", False, True, False), ("en", True, False, True), ("da", False, True, False),
                                        ("lt", True, False, False), ("en", False, False, False), ("da", True, False, False),
                                        ("lt", False, False, False), ("en", False, False, True), ("da", False, False, False)]:
        specs.append(("discount", dict(lang=lang, credit=credit, multipage=multipage, ie=ie)))
    return specs


def main():
    do_scan = "--no-scan" not in sys.argv
    rng = random.Random(SEED)
    pdfdir, scandir = os.path.join(OUT, "pdf"), os.path.join(OUT, "scan")
    webdir = os.path.join(OUT, "web")
    for dd in (pdfdir, scandir, webdir):
        if os.path.isdir(dd):
            for f in os.listdir(dd):
                if f.startswith("doc-"):
                    os.remove(os.path.join(dd, f))
        os.makedirs(dd, exist_ok=True)
        link = os.path.join(dd, "README.md")
        if README and not os.path.lexists(link):
            os.symlink(os.path.abspath(README), link)
    manifest = ["doc,type,language,layout,pages"]
    for i, (layout, kw) in enumerate(plan(rng), 1):
        drng = random.Random(SEED * 1000 + i)
        stem = "doc-%04d" % i
        if layout == "lt_boxes":
            d = build_lt(drng, kw["credit"], kw["multipage"]); fn = draw_lt
        elif layout == "da_rightmeta":
            d = build_da(drng, kw["credit"], kw["multipage"]); fn = draw_da
        elif layout == "en_sidebar":
            d = build_en(drng, kw["credit"], kw["multipage"], kw["ie"]); fn = draw_en
        elif layout == "window_footer":
            d = build_wf(drng, kw["lang"], kw["credit"], kw["multipage"], kw["ie"]); fn = draw_wf
        elif layout == "discount":
            d = build_ds(drng, kw["lang"], kw["credit"], kw["multipage"], kw["ie"]); fn = draw_ds
        else:
            d = build_rc(drng, kw["lang"], kw["ie"], kw["kind"]); fn = draw_rc
        pdf = os.path.join(pdfdir, stem + ".pdf")
        if layout == "receipt_80":
            d["_h"] = rc_height(d)
            pages = render_pdf(pdf, fn, d, pagesize=(80 * mm, d["_h"]))
        else:
            pages = render_pdf(pdf, fn, d)
        truth = build_truth(d)
        js = json.dumps(truth, ensure_ascii=False, indent=2) + "\n"
        for dd in (pdfdir, scandir, webdir):
            with open(os.path.join(dd, stem + ".json"), "w", encoding="utf-8") as f:
                f.write(js)
        if layout == "receipt_80":
            page, ext = web.receipt_text(d, i), ".txt"
        else:
            page, ext = web.invoice_html(d, i), ".html"
        with open(os.path.join(webdir, stem + ext), "w", encoding="utf-8") as f:
            f.write(page)
        if do_scan:
            n = make_scan(pdf, scandir, stem, 300 if layout == "receipt_80" else 200, drng)
            assert n == pages
        manifest.append("%s,%s,%s,%s,%d" % (stem, d["type"], d["lang"], layout, pages))
        print(stem, layout, d["type"], d["lang"], pages, "lines=%d" % len(d["lines"]))
    with open(os.path.join(OUT, "manifest.csv"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
