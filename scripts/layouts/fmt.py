# -*- coding: utf-8 -*-
"""How amounts, quantities, rates and dates are printed and how they are
written in the truth files."""
from decimal import Decimal as D, ROUND_HALF_UP

import data as X

# ----------------------------------------------------------------------------- numbers
C2 = D("0.01")


def r2(x):
    return x.quantize(C2, rounding=ROUND_HALF_UP)  # half-up = away from zero on ties


def amt_truth(x):
    return "%s" % r2(x)


def qty_truth(q):
    s = format(q, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_amt(x, style):
    """style: lt_space 1 234,56 | lt_plain 1234,56 | da 1.234,56 | en 1,234.56 | en_plain 1234.56"""
    x = r2(x)
    neg = x < 0
    s = "%.2f" % abs(x)
    ip, fp = s.split(".")
    g = []
    while len(ip) > 3:
        g.insert(0, ip[-3:])
        ip = ip[:-3]
    g.insert(0, ip)
    if style == "lt_space":
        out = " ".join(g) + "," + fp
    elif style == "lt_plain":
        out = "".join(g) + "," + fp
    elif style == "da":
        out = ".".join(g) + "," + fp
    elif style == "en":
        out = ",".join(g) + "." + fp
    else:
        out = "".join(g) + "." + fp
    return ("-" if neg else "") + out


def fmt_qty(q, comma, fixed=None):
    if fixed is not None:  # pad to `fixed` decimals, never round away real decimals
        need = max(0, -q.normalize().as_tuple().exponent)
        s = format(q.quantize(D(1).scaleb(-max(fixed, need))), "f")
    else:
        s = qty_truth(q)
    return s.replace(".", ",") if comma else s


def fmt_rate(rate, comma):
    return rate.replace(".", ",") if comma else rate


# ----------------------------------------------------------------------------- dates
STRFTIME = {"iso": "%Y-%m-%d", "ltdot": "%Y.%m.%d", "dot": "%d.%m.%Y", "dash": "%d-%m-%Y", "slash": "%d/%m/%Y"}


def fmt_date(d, kind):
    if kind in STRFTIME:
        return d.strftime(STRFTIME[kind])
    en = X.EN_MONTHS[d.month - 1]
    words = {
        "ltword": lambda: "%d m. %s %d d." % (d.year, X.LT_MONTHS[d.month - 1], d.day),
        "daword": lambda: "%d. %s %d" % (d.day, X.DA_MONTHS[d.month - 1], d.year),
        "enlong": lambda: "%d %s %d" % (d.day, en, d.year),
        "enshort": lambda: "%d %s %d" % (d.day, en[:3], d.year),
        "endash": lambda: "%02d-%s-%d" % (d.day, en[:3], d.year),
    }
    if kind not in words:
        raise ValueError(kind)
    return words[kind]()
