"""Identifier check-digit helpers (generation + validation)."""

def lt_mod11(digits):
    """Check digit for LT company code / VAT code body (list of ints)."""
    n = len(digits)
    w1 = [(i % 9) + 1 for i in range(n)]
    s = sum(d * w for d, w in zip(digits, w1)) % 11
    if s == 10:
        w2 = [((i + 2) % 9) + 1 for i in range(n)]
        s = sum(d * w for d, w in zip(digits, w2)) % 11
        if s == 10:
            s = 0
    return s

def lt_company_valid(code):
    if len(code) != 9 or not code.isdigit(): return False
    d = [int(c) for c in code]
    return lt_mod11(d[:8]) == d[8]

def lt_vat_valid(v):
    if not v.startswith('LT'): return False
    b = v[2:]
    if not b.isdigit() or len(b) not in (9, 12): return False
    d = [int(c) for c in b]
    if d[-2] != 1: return False
    return lt_mod11(d[:-1]) == d[-1]

def dk_cvr_valid(c):
    if len(c) != 8 or not c.isdigit() or c[0] == '0': return False
    return sum(int(a) * w for a, w in zip(c, [2, 7, 6, 5, 4, 3, 2, 1])) % 11 == 0

def gb_vat_valid(v):
    b = v[2:] if v.startswith('GB') else v
    if len(b) != 9 or not b.isdigit(): return False
    s = sum(int(a) * w for a, w in zip(b[:7], [8, 7, 6, 5, 4, 3, 2])) + int(b[7:])
    return s % 97 == 0 or (s + 55) % 97 == 0

IE_LETTERS = 'WABCDEFGHIJKLMNOPQRSTUV'
def ie_vat_valid(v):
    b = v[2:]
    if len(b) != 8 or not b[:7].isdigit(): return False
    s = sum(int(a) * w for a, w in zip(b[:7], [8, 7, 6, 5, 4, 3, 2]))
    return IE_LETTERS[s % 23] == b[7]

def iban_valid(i):
    s = i[4:] + i[:4]
    n = ''.join(str(int(c, 36)) for c in s)
    return int(n) % 97 == 1

def luhn_check_digit(body):
    tot = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        tot += d
    return (10 - tot % 10) % 10

def luhn_valid(num):
    return luhn_check_digit(num[:-1]) == int(num[-1])

def fi_valid(line):
    import re
    m = re.fullmatch(r'\+(71|75)<(\d+)\+(\d{8})<', line)
    if not m: return False
    t, pid, cred = m.groups()
    if t == '71' and len(pid) != 15: return False
    if t == '75' and len(pid) != 16: return False
    return luhn_valid(pid)

# ---- generators ----
def gen_lt_company(rng):
    while True:
        first = rng.choice('13')
        body = [int(first)] + [rng.randint(0, 9) for _ in range(7)]
        if first == '3':
            body[1] = 0  # 30xxxxxxx common for UAB
        c = lt_mod11(body)
        return ''.join(map(str, body)) + str(c)

def gen_lt_vat(rng, long=None):
    if long is None: long = rng.random() < 0.5
    if long:
        body = [1, 0, 0] + [rng.randint(0, 9) for _ in range(7)] + [1]
    else:
        body = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)] + [1]
    return 'LT' + ''.join(map(str, body)) + str(lt_mod11(body))

def gen_dk_cvr(rng):
    while True:
        b = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        s = sum(a * w for a, w in zip(b, [2, 7, 6, 5, 4, 3, 2]))
        c = (-s) % 11
        if c < 10:
            return ''.join(map(str, b)) + str(c)

def gen_gb_vat(rng, rule9755=False):
    """Standard mod-97 (weighted sum + check = 0 mod 97) or the 9755 rule (+55)."""
    b = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
    s = sum(a * w for a, w in zip(b, [8, 7, 6, 5, 4, 3, 2])) + (55 if rule9755 else 0)
    c = (-s) % 97
    return 'GB' + ''.join(map(str, b)) + '%02d' % c

def gen_ie_vat(rng):
    b = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
    s = sum(a * w for a, w in zip(b, [8, 7, 6, 5, 4, 3, 2]))
    return 'IE' + ''.join(map(str, b)) + IE_LETTERS[s % 23]

def make_iban(cc, bban):
    s = bban + cc + '00'
    n = int(''.join(str(int(c, 36)) for c in s))
    return '%s%02d%s' % (cc, 98 - n % 97, bban)

def gen_fi(rng, creditor=None):
    body = ''.join(str(rng.randint(0, 9)) for _ in range(6))
    body = '0' * 8 + body  # 14 digits
    pid = body + str(luhn_check_digit(body))
    if creditor is None:
        creditor = str(rng.randint(8, 8)) + ''.join(str(rng.randint(0, 9)) for _ in range(7))
    return '+71<%s+%s<' % (pid, creditor)
