//! Supplier and buyer: blocks under a heading ("PARDAVĖJAS", "Bill to"), or for
//! an unlabelled issuer the block at the top of the first page.

use std::collections::HashMap;

use super::candidates::{Candidate, MENDED_ID, UNVERIFIED_MAX, VERIFIED};
use super::context::{Context, is_column};
use super::lexicon::{Role, lexicon};
use super::segments::{Segment, line_parts};
use crate::document::{BBox, Unit, Word};
use crate::ids::{IdKind, dk_cvr_valid, ids_in, lt_company_code_valid, misread_vat_id, uk_company_number_mended};
use crate::ocr_fix::{cased_as, one_lookalike_apart};
use crate::values::country_code;

/// What was read about one party.
#[derive(Debug, Default)]
pub struct PartyFound {
    pub name: Option<Candidate<String>>,
    pub company_code: Option<Candidate<String>>,
    pub vat_id: Option<Candidate<String>>,
    pub address: Option<Candidate<String>>,
}

/// Supplier and buyer.
#[derive(Debug, Default)]
pub struct Parties {
    pub supplier: PartyFound,
    pub buyer: PartyFound,
    /// Segments that belong to a party block.
    pub used: Vec<usize>,
    /// Segments of the buyer's block.
    pub buyer_segments: Vec<usize>,
}

/// A line of a block: the block's segments on one line, left to right.
struct BlockLine<'a> {
    segments: Vec<(usize, &'a Segment)>,
}

impl BlockLine<'_> {
    fn text(&self) -> String {
        self.segments.iter().map(|(_, s)| s.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn bbox(&self) -> BBox {
        let first = self.segments[0].1.bbox;
        self.segments.iter().fold(first, |b, (_, s)| b.union(s.bbox))
    }
}

/// Finds both parties.
pub fn read(ctx: &Context<'_>) -> Parties {
    let mut parties = Parties::default();
    let headings: Vec<(usize, Role)> = ctx
        .labels()
        .filter(|(i, h)| {
            // A heading stands alone, or with another heading of its role
            // ("Käufer/Leistungsempfänger").
            let rest = ctx.layout.segments[*i].text[h.rest..].trim();
            matches!(h.label.role, Role::Supplier | Role::Buyer)
                && (rest.len() <= 2 || lexicon().is_label(rest, h.label.role))
        })
        .map(|(i, h)| (i, h.label.role))
        .collect();
    for &(i, role) in &headings {
        let lines = block(ctx, i, &headings);
        parties.used.extend(lines.iter().flat_map(|l| l.segments.iter().map(|(j, _)| *j)));
        let found = read_block(&lines, 0.9, false, Reading::of(ctx, ctx.layout.segments[i].page));
        if role == Role::Buyer {
            parties.buyer_segments.extend(lines.iter().flat_map(|l| l.segments.iter().map(|(j, _)| *j)));
            parties.buyer_segments.push(i);
        }
        let slot = if role == Role::Supplier { &mut parties.supplier } else { &mut parties.buyer };
        if slot.name.is_none() {
            *slot = found;
        }
    }
    if parties.supplier.name.is_none() {
        let company = company_line(ctx, &parties.used);
        // The legal form may stand apart on the name's line ("MR. D.I.Y",
        // a wide gap, "(M) SDN BHD"): the name starts before it.
        let company = company.map(|j| name_left(ctx, j).unwrap_or(j));
        let above = company.and_then(|j| name_above(ctx, j));
        let from = above.or(company).unwrap_or(0);
        let mut lines = top_block(ctx, &parties.used, 0, from);
        // A legal form set apart on the name's line is part of the name.
        if let Some(first) = lines.first_mut()
            && let Some(&(last, _)) = first.segments.last()
            && let Some(next) = ctx.layout.segments.get(last + 1)
            && next.page == 1
            && next.line == first.segments[0].1.line
            && lexicon().only_company_forms(&next.text)
        {
            first.segments.push((last + 1, next));
        }
        // A name set on two lines: its first part above the legal form, a
        // first line that ends in "&", or two lines of capitals over the
        // registration number.
        if above.is_some()
            || lines.first().is_some_and(|l| l.text().trim_end().ends_with('&'))
            || two_name_lines(ctx, &lines)
        {
            join_first_two(&mut lines);
        }
        // A bracket the name opens and does not close is closed on the line
        // under it, which is still the name ("ENTERPRISE (SETIA" over "ALAM)
        // SDN BHD").
        if lines.first().is_some_and(|l| opens_bracket(&l.text()))
            && lines.get(1).is_some_and(|l| closes_bracket(ctx, l))
        {
            join_first_two(&mut lines);
        }
        // A name set large on the left with the address block at the right,
        // which starts with the name again: read the right-hand column.
        if lines.iter().filter(|l| !is_monogram(&l.text())).count() < 2 {
            let right = top_block(ctx, &parties.used, 1, from);
            if right.len() > lines.len() {
                lines = right;
            }
        }
        // A form of address on a line of its own under the letterhead starts
        // the addressee's block, which is the buyer's.
        let recipient = recipient_lines(ctx, &mut lines);
        parties.used.extend(lines.iter().flat_map(|l| l.segments.iter().map(|(j, _)| *j)));
        let reading = Reading::of(ctx, 1);
        parties.supplier = read_block(&lines, 0.75, reading.ocr, reading);
        if parties.buyer.name.is_none() && !recipient.is_empty() {
            unlabelled_buyer(ctx, &mut parties, &recipient);
        }
    }
    // (Before the return address is looked for: on a scan, where its dots
    // may be lost, it is known by the street it repeats.)
    if parties.supplier.address.is_none() {
        parties.supplier.address = address_elsewhere(ctx, &parties);
    }
    if parties.buyer.name.is_none()
        && let Some(lines) = sender_lines(ctx, &parties)
            .into_iter()
            .map(|sender| window_block(ctx, sender, &parties.used))
            .find(|lines| !lines.is_empty())
    {
        // The window-envelope layout: the recipient's block sits under a small
        // return-address line of the sender ("Firma ApS · Vej 1 · 1234 By").
        unlabelled_buyer(ctx, &mut parties, &lines);
    }
    if parties.buyer.name.is_none()
        && let Some(lines) = beside_ship_to(ctx, &parties.used)
    {
        unlabelled_buyer(ctx, &mut parties, &lines);
    }
    if parties.buyer.name.is_none()
        && let Some(lines) = beside_supplier(ctx, &parties)
    {
        unlabelled_buyer(ctx, &mut parties, &lines);
    }
    issuer_ids(ctx, &mut parties);
    let names: Vec<&mut Candidate<String>> = [&mut parties.supplier.name, &mut parties.buyer.name]
        .into_iter()
        .flatten()
        .filter(|n| ctx.ocr_pages.contains(&n.page))
        .collect();
    if !names.is_empty() {
        let counts = word_counts(ctx);
        for name in names {
            spelled_as_elsewhere(&counts, name);
        }
    }
    parties
}

/// A text's words: its runs of letters.
fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty())
}

/// How often each word (lower case) is printed in the document.
fn word_counts(ctx: &Context<'_>) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in ctx.layout.segments.iter().flat_map(|s| letter_runs(&s.text)) {
        *counts.entry(w.to_lowercase()).or_default() += 1;
    }
    counts
}

/// A word of a name read by OCR that the rest of the document spells
/// otherwise ("SANYO" in the letterhead; "SANYU SUPPLY SDN BHD" and
/// "Facebook: Sanyu.Stationery" further down): where the word (of four
/// letters or more) occurs nowhere else and exactly one spelling a
/// look-alike letter away occurs at least twice, that spelling is taken.
/// Two readings in plainer print outvote one in the letterhead's, which
/// OCR misreads most.
/// `counts` are the document's [`word_counts`].
fn spelled_as_elsewhere(counts: &HashMap<String, usize>, name: &mut Candidate<String>) {
    let value = name.value.clone();
    for w in letter_runs(&value).filter(|w| w.chars().count() >= 4) {
        let lower = w.to_lowercase();
        if counts.get(&lower).is_some_and(|&n| n > 1) {
            continue;
        }
        let mut others = counts.iter().filter(|&(t, &n)| n >= 2 && one_lookalike_apart(&lower, t));
        if let (Some((other, _)), None) = (others.next(), others.next()) {
            name.value = name.value.replacen(w, &cased_as(w, other), 1);
        }
    }
}

/// How much an issuer's id is believed where the page prints another
/// valid id of its kind outside the party blocks.
const AMBIGUOUS_ID: f32 = 0.6;

/// Splits the addressee's block off an unlabelled issuer block: from a line
/// after the first that is only a form of address ("Herrn", "Frau", "Mr")
/// until the first blank line, as a letter sets the recipient's
/// address under the sender's name. Empty when there is no such line.
fn recipient_lines<'a>(ctx: &Context<'_>, lines: &mut Vec<BlockLine<'a>>) -> Vec<BlockLine<'a>> {
    let Some(k) = (1..lines.len()).find(|&k| lexicon().is_salutation(&lines[k].text())) else {
        return Vec::new();
    };
    let mut recipient = lines.split_off(k);
    // (A blank line leaves a line's height or more; lines set one under the
    // other, a fraction of it.)
    let gap = ctx.layout.line_height(1) * 0.8;
    if let Some(end) = (1..recipient.len()).find(|&i| recipient[i].bbox().y0 - recipient[i - 1].bbox().y1 > gap) {
        recipient.truncate(end);
    }
    recipient
}

/// Takes an unlabelled block on the first page as the buyer's.
fn unlabelled_buyer(ctx: &Context<'_>, parties: &mut Parties, lines: &[BlockLine<'_>]) {
    let segments: Vec<usize> = lines.iter().flat_map(|l| l.segments.iter().map(|(j, _)| *j)).collect();
    parties.used.extend(&segments);
    parties.buyer = read_block(lines, 0.75, false, Reading::of(ctx, 1));
    parties.buyer_segments = segments;
}

/// The unlabelled block set beside a delivery address's heading on the
/// first page ("Delivery Address" on the left, the invoiced party's name and
/// address at the right, starting on the heading's line or the next): the
/// buyer's. Its lines share the left edge of its first line and follow each
/// other without a wide gap.
fn beside_ship_to<'a>(ctx: &'a Context<'a>, used: &[usize]) -> Option<Vec<BlockLine<'a>>> {
    let segs = &ctx.layout.segments;
    let (h, _) = ctx.labels().find(|(i, l)| l.label.role == Role::ShipTo && segs[*i].page == 1)?;
    let head = &segs[h];
    let lh = ctx.layout.line_height(1);
    let beside = |s: &Segment| s.bbox.x0 > head.bbox.x1 + lh * 4.0 || s.bbox.x1 < head.bbox.x0 - lh * 4.0;
    let first = (0..segs.len()).find(|&j| {
        let s = &segs[j];
        s.page == 1 && s.line >= head.line && s.line <= head.line + 2 && beside(s) && !used.contains(&j)
    })?;
    let x0 = segs[first].bbox.x0;
    let mut lines: Vec<BlockLine<'a>> = Vec::new();
    let mut last_y = segs[first].bbox.y0;
    for (j, s) in segs.iter().enumerate().skip(first) {
        if s.page != 1 || (s.bbox.x0 - x0).abs() > lh * 0.5 || used.contains(&j) {
            continue;
        }
        // (A column heading's word may open a name: "ME" is a unit.)
        let labelled = ctx.label_of(j).is_some_and(|h| !is_column(h.label.role));
        if s.bbox.y0 - last_y > lh * 2.2 || labelled || ctx.is_table_header(s.page, s.line) {
            break;
        }
        last_y = s.bbox.y1;
        lines.push(BlockLine { segments: vec![(j, s)] });
    }
    // A name and at least one line of address.
    (lines.len() >= 2).then_some(lines)
}

/// Registration and VAT numbers printed outside the party blocks (in a header
/// or footer line) are the issuer's: a document states its own identity. A
/// VAT id labelled as the customer's ("Customer VAT Number") is the buyer's.
fn issuer_ids(ctx: &Context<'_>, parties: &mut Parties) {
    let outside = |i: usize| !parties.buyer_segments.contains(&i);
    let buyer_vat = parties.buyer.vat_id.as_ref().map(|c| c.value.clone());
    // A footer line may hold several labelled parts ("Registered office: … |
    // VAT Reg No GB 975 2523 56"); each part is read on its own.
    let mut parts: Vec<(usize, Role, &str)> = Vec::new();
    for i in 0..ctx.layout.segments.len() {
        for (k, part) in line_parts(&ctx.layout.segments[i].text).into_iter().enumerate() {
            let part = part.trim();
            let hit = if k == 0 { ctx.label_of(i).cloned() } else { lexicon().label_at_start(part) };
            // (The buyer's VAT id is read wherever its label stands.)
            let hit = hit.filter(|h| h.rest <= part.len() && (outside(i) || h.label.role == Role::BuyerVatId));
            if let Some(hit) = hit {
                parts.push((i, hit.label.role, part[hit.rest..].trim()));
            }
        }
    }
    // Two different valid codes (or VAT ids) outside the party blocks: one
    // is another party's (a buyer whose block was not found), so neither is
    // sure to be the issuer's.
    let distinct = |role: Role| {
        let mut seen: Vec<String> = Vec::new();
        for (_, r, value) in parts.iter().filter(|(_, r, _)| *r == role) {
            let found: Vec<String> = match r {
                Role::CompanyCode => company_code(value).map(|(c, _)| c).into_iter().collect(),
                Role::VatId => {
                    ids_in(value).into_iter().filter(|m| m.kind == IdKind::VatId && m.valid).map(|m| m.value).collect()
                }
                _ => Vec::new(),
            };
            for v in found.into_iter().filter(|v| Some(v) != buyer_vat.as_ref()) {
                if !seen.contains(&v) {
                    seen.push(v);
                }
            }
        }
        seen.len()
    };
    let cap = |role: Role| if distinct(role) > 1 { AMBIGUOUS_ID } else { 1.0 };
    let (code_cap, vat_cap) = (cap(Role::CompanyCode), cap(Role::VatId));
    for (i, role, value) in parts {
        let seg = &ctx.layout.segments[i];
        let value =
            if value.is_empty() { ctx.right_of(i).map_or("", |r| ctx.layout.segments[r].text.as_str()) } else { value };
        let line = BlockLine { segments: vec![(i, seg)] };
        match role {
            Role::CompanyCode if parties.supplier.company_code.is_none() => {
                if let Some((code, q)) = company_code(value) {
                    let score = if q >= 1.0 { VERIFIED } else { 0.7 }.min(code_cap);
                    parties.supplier.company_code = Some(candidate(&line, code, score));
                }
            }
            Role::VatId if parties.supplier.vat_id.is_none() => {
                // A labelled id whose checksum fails is kept only where the
                // text is the document's own (not OCR): it is then what the
                // issuer printed, and is reported unconfirmed.
                let digital = !ctx.ocr_pages.contains(&seg.page);
                let found = ids_in(value).into_iter().find(|m| m.kind == IdKind::VatId && (m.valid || digital));
                // A label that ends its line ("… | VAT Registration Number")
                // has its id at the start of the next, maybe after the rest
                // of the label ("Number GB259 6555 69"); only a valid one counts.
                let found = found.or_else(|| {
                    let next = ctx.line_start_after(i).filter(|_| value.is_empty())?;
                    ids_in(&ctx.layout.segments[next].text).into_iter().find(|m| m.kind == IdKind::VatId && m.valid)
                });
                let found = found.map(|m| (m.value, if m.valid { VERIFIED } else { 0.5 }));
                // On a scan, an id with one letter misread that its checksum
                // confirms once mended ("IE 24436720"); still a guess.
                let found = found.or_else(|| misread_vat_id(value).filter(|_| !digital).map(|v| (v, MENDED_ID)));
                if let Some((value, score)) = found
                    && Some(&value) != buyer_vat.as_ref()
                {
                    parties.supplier.vat_id = Some(candidate(&line, value, score.min(vat_cap)));
                }
            }
            Role::BuyerVatId if parties.buyer.vat_id.is_none() => {
                let digital = !ctx.ocr_pages.contains(&seg.page);
                if let Some(m) = ids_in(value).into_iter().find(|m| m.kind == IdKind::VatId && (m.valid || digital))
                    && parties.supplier.vat_id.as_ref().is_none_or(|s| s.value != m.value)
                {
                    let score = if m.valid { VERIFIED } else { 0.5 };
                    parties.buyer.vat_id = Some(candidate(&line, m.value, score));
                }
            }
            _ => {}
        }
    }
}

/// Return-address lines, best first: the supplier's name followed by a
/// middle-dot separated address, on the first page.
/// On a scan the name may be read a little differently in the two places
/// ("Østergaard & Søn A/S", "Ostergaard & San A/S") and the dots as dashes;
/// the small print may come out worse still ("Tør Tømrer & Snedker A ApS 666"
/// for "Skovgård Tømrer & Snedker ApS · Middelfartvej 666"), so on a scan a
/// line outside the supplier's block that holds most of the name's words
/// (a long one a letter or two off) and some figures, or another word of
/// four letters or more, may be one too.
fn sender_lines(ctx: &Context<'_>, parties: &Parties) -> Vec<usize> {
    let Some(name) = parties.supplier.name.as_ref().map(|n| &n.value) else {
        return Vec::new();
    };
    let ocr = ctx.ocr_pages.contains(&1);
    let n = name.chars().count();
    let starts_with_name = |text: &str| {
        if text.starts_with(name.as_str()) {
            return true;
        }
        // OCR may spell a letter with two ("Trae" for "Træ") or drop one.
        let name = name.to_lowercase();
        let distance = (n.saturating_sub(1)..=n + 2)
            .map(|k| strsim::levenshtein(&text.chars().take(k).collect::<String>().to_lowercase(), &name))
            .min()
            .unwrap_or(usize::MAX);
        ocr && n >= 6 && distance * 6 <= n
    };
    // The street the supplier's block prints, which the line repeats after
    // the name (OCR may have dropped the dots between them).
    let street = parties.supplier.address.as_ref().and_then(|a| a.value.split(',').next()).map(str::trim);
    let repeats_street =
        |text: &str| street.is_some_and(|st| st.len() >= 5 && text.get(name.len()..).is_some_and(|r| r.contains(st)));
    let separated =
        |text: &str| text.contains(RETURN_ADDRESS_DOTS) || (ocr && (text.contains(" - ") || repeats_street(text)));
    // OCR may lose the small print after the first separator ("Firma A/S -").
    let cut_short = |text: &str| {
        ocr && text.get(name.len()..).is_some_and(|r| r.trim() == "-" || r.trim() == "·" || r.trim() == "•")
    };
    // It sits in the upper half of the page, above the body; a footer may
    // repeat the same name and address.
    let bottom = ctx.layout.text_bottom(1);
    let upper = |s: &&Segment| s.page == 1 && s.bbox.y0 < bottom / 2.0;
    let named = |s: &Segment| {
        starts_with_name(&s.text) && ((s.text.len() > name.len() + 3 && separated(&s.text)) || cut_short(&s.text))
    };
    let key_words: Vec<String> =
        name.split_whitespace().filter(|w| w.chars().count() >= 3).map(str::to_lowercase).collect();
    // (The address after the name has figures, maybe set apart in the next
    // segment; the name alone is a logo. A name with figures tells nothing.)
    let figures = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    let name_figures = figures(name);
    // (In print that small OCR may misread a long word in a letter or two:
    // "kovgard" for "Skovgård"; and lose the figures, while words of the
    // address stay: "iddelfartve" for "Middelfartvej 666".)
    let like =
        |k: &str, w: &str| k == w || (k.chars().count() >= 6 && strsim::levenshtein(k, w) * 4 <= k.chars().count());
    let most_words = |j: usize, s: &Segment| {
        let words: Vec<String> = s.text.split_whitespace().map(str::to_lowercase).collect();
        let held = key_words.iter().filter(|k| words.iter().any(|w| like(k, w))).count();
        let next = ctx.layout.segments.get(j + 1).filter(|n| n.page == s.page && n.line == s.line);
        let after = next.map(|n| n.text.to_lowercase()).unwrap_or_default();
        let more = words
            .iter()
            .map(String::as_str)
            .chain(after.split_whitespace())
            .filter(|w| w.chars().count() >= 4 && !key_words.iter().any(|k| like(k, w)))
            .count();
        let address = [Some(s), next].into_iter().flatten().any(|s| figures(&s.text)) || more >= 1;
        key_words.len() >= 2 && held * 3 >= key_words.len() * 2 && address && !name_figures
    };
    let segs = ctx.layout.segments.iter().enumerate().filter(|(_, s)| upper(s));
    let mut found: Vec<usize> = segs.clone().filter(|(_, s)| named(s)).map(|(j, _)| j).collect();
    if ocr {
        found.extend(segs.filter(|(j, s)| !parties.used.contains(j) && !named(s) && most_words(*j, s)).map(|(j, _)| j));
    }
    found
}

/// The supplier's address where its own block shows only the name (a
/// letterhead): read where the name is printed again, as the head of a block
/// of address lines in the page's lower half (a footer's column: "Firma
/// ApS", "Vej 1", "1234 By"), or followed by the address on one line, its
/// parts set apart by dots (the return address over a window envelope's:
/// "Firma ApS · Vej 1 · 1234 By"). The block is read as the party blocks
/// are; the dotted parts count as an address when more than one follows the
/// name and one holds a figure.
fn address_elsewhere(ctx: &Context<'_>, parties: &Parties) -> Option<Candidate<String>> {
    let name = parties.supplier.name.as_ref()?;
    let segs = &ctx.layout.segments;
    let again = |j: usize| j != name.segment && !parties.used.contains(&j) && !parties.buyer_segments.contains(&j);
    // (A footer: in the page's lower half, below where a return address
    // would stand.)
    let lower = |s: &Segment| s.bbox.y0 > ctx.layout.text_bottom(s.page) / 2.0;
    let footer = |j: usize, s: &Segment| s.text.trim() == name.value && again(j) && lower(s);
    let block = segs.iter().enumerate().filter(|&(j, s)| footer(j, s)).find_map(|(j, s)| {
        let mut lines = vec![BlockLine { segments: vec![(j, s)] }];
        lines.extend(window_block(ctx, j, &parties.used));
        read_block(&lines, 0.75, false, Reading::of(ctx, s.page)).address
    });
    block.or_else(|| {
        segs.iter().enumerate().filter(|&(j, _)| j != name.segment).find_map(|(j, s)| {
            let rest = s.text.strip_prefix(name.value.as_str())?.trim_start();
            let rest = rest.strip_prefix(RETURN_ADDRESS_DOTS)?;
            let parts: Vec<&str> = rest.split(RETURN_ADDRESS_DOTS).map(str::trim).collect();
            let address = parts.len() >= 2
                && parts.iter().all(|p| !p.is_empty())
                && parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit()));
            address.then(|| Candidate::at(ctx, j, parts.join(", "), 0.7))
        })
    })
}

/// The dots that part a return address's name, street and town.
const RETURN_ADDRESS_DOTS: [char; 4] = ['·', '•', '●', '∙'];

/// A party block set beside the supplier's, its name on the same line as
/// the supplier's name and its identifiers labelled as the supplier's are
/// (a "Pirkėjas" heading lost, or none printed): the buyer's. It must hold
/// a company code or VAT id label and no invoice detail (number, dates), so
/// that the invoice's own details beside a letterhead are not taken for it.
fn beside_supplier<'a>(ctx: &'a Context<'a>, parties: &Parties) -> Option<Vec<BlockLine<'a>>> {
    let name = parties.supplier.name.as_ref()?;
    let segs = &ctx.layout.segments;
    let own = segs.get(name.segment)?;
    let lh = ctx.layout.line_height(own.page);
    let right = (name.segment + 1..segs.len())
        .take_while(|&j| segs[j].page == own.page && segs[j].line == own.line)
        .find(|&j| segs[j].bbox.x0 > own.bbox.x1 + lh * 2.0 && !parties.used.contains(&j))?;
    let mut lines = vec![BlockLine { segments: vec![(right, &segs[right])] }];
    lines.extend(window_block(ctx, right, &parties.used));
    let roles: Vec<Role> = lines
        .iter()
        .flat_map(|l| l.segments.iter())
        .filter_map(|(j, _)| ctx.label_of(*j).map(|h| h.label.role))
        .collect();
    let ids = roles.iter().any(|r| matches!(r, Role::CompanyCode | Role::VatId));
    let details = roles.iter().any(|r| matches!(r, Role::InvoiceNumber | Role::IssueDate | Role::DueDate));
    (lines.len() >= 3 && ids && !details).then_some(lines)
}

/// The lines right under the return-address line, in its column.
fn window_block<'a>(ctx: &'a Context<'a>, sender: usize, used: &[usize]) -> Vec<BlockLine<'a>> {
    let head = &ctx.layout.segments[sender];
    let lh = ctx.layout.line_height(head.page);
    let mut lines: Vec<BlockLine<'a>> = Vec::new();
    let mut last_y = head.bbox.y1;
    for (j, s) in ctx.layout.segments.iter().enumerate().skip(sender + 1) {
        if s.page != head.page
            || used.contains(&j)
            || s.bbox.x0 > head.bbox.x0 + lh * 2.0
            || s.bbox.x0 < head.bbox.x0 - lh * 4.0
        {
            continue;
        }
        if s.bbox.y0 - last_y > lh * 3.0 || lines.len() >= 7 {
            break;
        }
        last_y = s.bbox.y1;
        lines.push(BlockLine { segments: vec![(j, s)] });
    }
    lines
}

/// The lines under heading segment `h`, in its column, until a gap, another
/// heading, or an item table.
fn block<'a>(ctx: &'a Context<'a>, h: usize, headings: &[(usize, Role)]) -> Vec<BlockLine<'a>> {
    let head = &ctx.layout.segments[h];
    let lh = ctx.layout.line_height(head.page);
    // The column ends where the next text on the heading's line starts (another
    // heading, "Ship to", the invoice's own details).
    let right = ctx
        .layout
        .on_line(head.page, head.line)
        .filter(|s| s.bbox.x0 > head.bbox.x1)
        .map(|s| s.bbox.x0)
        .fold(f32::INFINITY, f32::min);
    let left = head.bbox.x0 - lh * 1.5;
    let cells = Reading::of(ctx, head.page).cells;
    let mut lines: Vec<BlockLine<'a>> = Vec::new();
    let mut last_y = head.bbox.y1;
    let mut stopped_line: Option<usize> = None;
    // Labels under the heading with their values set in a column of their
    // own ("Name:  Max Mustermann"): a value's first line may stand alone in
    // that column above its label ("Herrn" over "Name: Max Mustermann").
    let segs = &ctx.layout.segments;
    let mut value_columns: Vec<f32> = (h + 1..segs.len().saturating_sub(1))
        .take_while(|&j| segs[j].page == head.page && segs[j].bbox.y0 - head.bbox.y1 < lh * 6.0)
        .filter(|&j| {
            let (s, next) = (&segs[j], &segs[j + 1]);
            (s.bbox.x0 - head.bbox.x0).abs() <= lh
                && s.text.trim_end().ends_with(':')
                && next.line == s.line
                && next.page == s.page
        })
        .map(|j| segs[j + 1].bbox.x0)
        .collect();
    for (j, s) in ctx.layout.segments.iter().enumerate().skip(h + 1) {
        if s.page != head.page || s.line == head.line {
            continue;
        }
        // (Text starting within half a line of the next column's left edge is
        // that column's: OCR's boxes are a few pixels off.)
        if s.bbox.x0 < left || s.bbox.x0 >= right - lh * 0.5 {
            continue;
        }
        // Far right of the block's own text on that line: another column,
        // unless the line so far is a label waiting for its value ("Name:"
        // with the values set in a column of their own). A line that starts
        // in that value column continues the value above it.
        let same_line = lines.last().filter(|l| l.segments[0].1.line == s.line);
        // (A party's label standing alone, "Address" with its value further
        // right, waits for it too.)
        let awaits_value = same_line.and_then(|l| l.segments.last()).is_some_and(|&(k, seg)| {
            seg.text.trim_end().ends_with(':')
                || ctx.label_of(k).is_some_and(|h| {
                    PARTY_ROLES.contains(&h.label.role) && seg.text.get(h.rest..).is_some_and(|v| v.trim().is_empty())
                })
        });
        let far = same_line.map(|l| s.bbox.x0 - l.bbox().x1 > lh * 8.0 && !awaits_value);
        let in_value_column = value_columns.iter().any(|x: &f32| (s.bbox.x0 - x).abs() <= lh * 0.5);
        // An address label's value wrapped onto the next line, under it
        // ("Adresas Statybininkų pr. 119B, LT-28685" over "Utena").
        let wraps_address = lines.last().is_some_and(|l| {
            let (first, seg) = l.segments[0];
            seg.line + 1 == s.line
                && ctx.label_of(first).is_some_and(|h| h.label.role == Role::Address)
                && s.bbox.x0 > l.bbox().x0
                && s.bbox.x0 < l.bbox().x1
                && s.bbox.y0 - l.bbox().y1 < lh
        });
        if far == Some(true)
            || (far.is_none() && s.bbox.x0 > head.bbox.x0 + lh * 8.0 && !in_value_column && !wraps_address)
        {
            continue;
        }
        if awaits_value {
            value_columns.push(s.bbox.x0);
        }
        if s.bbox.y0 - last_y > lh * 2.2
            || headings.iter().any(|(k, _)| *k == j)
            || ctx.is_table_header(s.page, s.line)
            || (cells && !lines.is_empty() && is_heading(ctx, j, last_y))
        {
            break;
        }
        // A label of another kind ("Data", "Invoice Date") starts another
        // column, except as the value a label waits for ("Name:  Lieferant
        // GmbH", where the name starts like a heading).
        let foreign = ctx.label_of(j).is_some_and(|h| !PARTY_ROLES.contains(&h.label.role));
        if foreign && same_line.is_some() && !awaits_value {
            stopped_line = Some(s.line);
        }
        if stopped_line == Some(s.line) {
            continue;
        }
        // On a line of an item table beside the block (a sidebar's "BILL TO"
        // block next to the rows), text further right is the table's.
        if same_line.is_some() && ctx.in_item_table(s) {
            continue;
        }
        last_y = s.bbox.y1;
        match lines.last_mut() {
            Some(l) if l.segments[0].1.line == s.line => l.segments.push((j, s)),
            _ => lines.push(BlockLine { segments: vec![(j, s)] }),
        }
    }
    lines
}

/// In text laid out in character cells, segment `j` is a heading of its own:
/// the only text on its line, without figures, with a blank line above it
/// (below `last_y`) and under it ("Metadata" between an address block and the
/// invoice's details).
fn is_heading(ctx: &Context<'_>, j: usize, last_y: f32) -> bool {
    let segs = &ctx.layout.segments;
    let s = &segs[j];
    let alone = !s.text.chars().any(|c| c.is_ascii_digit())
        && segs.get(j + 1).is_none_or(|n| n.page != s.page || n.line != s.line)
        && (j == 0 || segs[j - 1].page != s.page || segs[j - 1].line != s.line);
    let below = ctx.line_start_after(j).map(|k| segs[k].bbox.y0);
    alone && s.bbox.y0 - last_y >= 1.0 && below.is_none_or(|y| y - s.bbox.y1 >= 1.0)
}

/// How many lines from the top of the first page are searched for a line
/// that names a company (see [`company_line`]).
const COMPANY_LINE_REACH: usize = 5;

/// The first segment near the top of the first page, before any labelled
/// line or return address, that holds a legal form ("SDN BHD", "UAB",
/// "ApS"): on a receipt, the
/// merchant's name, under a logo, a slogan or a handwritten note. `None` when
/// the first line already names one, or none does.
fn company_line(ctx: &Context<'_>, used: &[usize]) -> Option<usize> {
    let mut lines_seen: Vec<usize> = Vec::new();
    for (j, s) in ctx.layout.segments.iter().enumerate() {
        if s.page != 1 || used.contains(&j) {
            continue;
        }
        // A label, or a return address over a window envelope's (whose
        // addressee follows), ends the supplier's part of the page.
        if ctx.label_of(j).is_some() || s.text.contains(RETURN_ADDRESS_DOTS) {
            return None;
        }
        if !lines_seen.contains(&s.line) {
            lines_seen.push(s.line);
        }
        if lines_seen.len() > COMPANY_LINE_REACH {
            return None;
        }
        if lexicon().has_company_form(&s.text) {
            return (lines_seen.len() > 1).then_some(j);
        }
    }
    None
}

/// The segment of the line right above segment `j` (closer than half a line
/// height, overlapping it) that starts the same name set on two lines
/// ("POPULAR BOOK CO. (M)" over "SDN BHD"): plain words in the same case, no
/// digits.
fn name_above(ctx: &Context<'_>, j: usize) -> Option<usize> {
    let s = &ctx.layout.segments[j];
    let lh = ctx.layout.line_height(s.page);
    let (k, above) = ctx.layout.segments[..j]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, a)| a.page == s.page && a.line + 1 == s.line && a.overlaps_x(s))?;
    // One name is set in one style: capitals over capitals.
    let plain = is_plain(ctx, k, above) && in_capitals(&above.text) == in_capitals(&s.text);
    // A line that is only the legal form ("(M) SDN BHD") cannot be a whole
    // name: its start may stand further up, set in a taller type.
    let reach = if lexicon().only_company_forms(&s.text) { lh.max(s.bbox.height()) * 1.5 } else { lh * 0.5 };
    (plain && s.bbox.y0 - above.bbox.y1 < reach).then_some(k)
}

/// The segment right before segment `j` on its line, when `j` is only a
/// legal form ("(M) SDN BHD" after "MR. D.I.Y", set apart by a wide gap):
/// the start of the same name.
fn name_left(ctx: &Context<'_>, j: usize) -> Option<usize> {
    let s = &ctx.layout.segments[j];
    let k = j.checked_sub(1)?;
    let left = &ctx.layout.segments[k];
    let plain = left.page == s.page
        && left.line == s.line
        && ctx.label_of(k).is_none()
        && !is_noise(ctx, left)
        && left.text.chars().any(char::is_alphabetic);
    (plain && lexicon().only_company_forms(&s.text)).then_some(k)
}

/// True when the block's first two lines are one name set on two lines, with
/// the registration number under them ("RESTAURANT JIAWEI" over "JIAWEI
/// HOUSE" over "002693074-K"): both in capitals, the second without figures,
/// label or street word and not ending as the first does, and no legal form
/// closing the first (which would end the name there).
fn two_name_lines(ctx: &Context<'_>, lines: &[BlockLine<'_>]) -> bool {
    let [first, second, third, ..] = lines else { return false };
    let (name, rest) = (first.text(), second.text());
    let plain = is_plain_line(ctx, second) && rest.chars().any(char::is_alphabetic) && !lexicon().names_street(&rest);
    // A second line ending as the first does is the name printed again
    // ("FACE TO FACE NOODLE HOUSE" over "FTOF NOODLE HOUSE").
    let again = name.split_whitespace().last() == rest.split_whitespace().last();
    in_capitals(&name)
        && in_capitals(&rest)
        && plain
        && registration_line(ctx, third)
        && !again
        && !lexicon().has_company_form(&name)
}

/// True when every letter of `text` is a capital.
fn in_capitals(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// True when segment `j` is a registration number, as printed under a
/// receipt's name ("(867388-U)") or labelled ("Reg No: 1203194-W").
fn registration(ctx: &Context<'_>, j: usize, s: &Segment) -> bool {
    is_registration(&s.text) || ctx.label_of(j).is_some_and(|h| h.label.role == Role::CompanyCode)
}

/// True when a block's line holds only a registration number.
fn registration_line(ctx: &Context<'_>, line: &BlockLine<'_>) -> bool {
    line.segments.iter().all(|(j, s)| registration(ctx, *j, s))
}

/// True when `text` opens a bracket it does not close.
fn opens_bracket(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// True when a block's line closes a bracket opened above it, before any
/// bracket of its own, and is plain (see [`is_plain`]).
fn closes_bracket(ctx: &Context<'_>, line: &BlockLine<'_>) -> bool {
    let text = line.text();
    text.find(')').is_some_and(|i| !text[..i].contains('(')) && is_plain_line(ctx, line)
}

/// True when segment `j` (`s`) is plain words that may go on a name: no
/// figure, no label, no noise.
fn is_plain(ctx: &Context<'_>, j: usize, s: &Segment) -> bool {
    !s.text.chars().any(|c| c.is_ascii_digit()) && ctx.label_of(j).is_none() && !is_noise(ctx, s)
}

/// True when every segment of a block's line is plain (see [`is_plain`]).
fn is_plain_line(ctx: &Context<'_>, line: &BlockLine<'_>) -> bool {
    line.segments.iter().all(|(j, s)| is_plain(ctx, *j, s))
}

/// Joins the block's second line to its first, as one name.
fn join_first_two(lines: &mut Vec<BlockLine<'_>>) {
    if lines.len() >= 2 {
        let second = lines.remove(1);
        lines[0].segments.extend(second.segments);
    }
}

/// An OCR'd line that is not text: a logo, a stamp or noise read as letters
/// ("Ao30i8", "\ Pol"). Such a line has no word of two or more letters with a
/// vowel in one case pattern, or most of its words are not such words, or
/// the reader was unsure of it.
fn is_noise(ctx: &Context<'_>, s: &Segment) -> bool {
    if !ctx.ocr_pages.contains(&s.page) {
        return false;
    }
    let mean = mean_confidence(&s.words).unwrap_or(0.0);
    let lettered: Vec<&str> = s
        .words
        .iter()
        .map(|w| w.text.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let wordlike = lettered.iter().filter(|w| is_wordlike(w)).count();
    mean < NOISE_CONFIDENCE || wordlike == 0 || wordlike * 2 < lettered.len()
}

/// The reader's mean confidence in `words`; `None` for no word.
fn mean_confidence<'w>(words: impl IntoIterator<Item = &'w Word>) -> Option<f32> {
    let (sum, n) = words.into_iter().fold((0.0, 0), |(sum, n), w| (sum + w.confidence, n + 1));
    (n > 0).then(|| sum / n as f32)
}

/// Mean word confidence under which an OCR'd line at the top of a page is
/// taken for noise.
const NOISE_CONFIDENCE: f32 = 0.5;

/// A plausible word: letters only (an inner `&`, `'`, `/`, `.` or `-` aside),
/// at least two of them, all capitals, all small, or one capital first (a
/// second one inside a name, between small letters: "McGonagle", "MacLeod"),
/// and a vowel among them unless it is a short abbreviation in capitals
/// ("SDN") or a legal form ("Ltd").
fn is_wordlike(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    let clean = w.chars().all(|c| c.is_alphabetic() || "&'/.-".contains(c));
    let vowel = letters.iter().any(|c| "aeiouyąęėįųūæøåäöüéèêàôAEIOUYĄĘĖĮŲŪÆØÅÄÖÜÉÈÊÀÔ".contains(*c));
    let upper = letters.iter().all(|c| c.is_uppercase());
    let lower = letters.iter().all(|c| c.is_lowercase());
    let inner_capital =
        |k: usize| letters[k - 1].is_lowercase() && letters.get(k + 1).is_some_and(|c| c.is_lowercase());
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    let title = letters.first().is_some_and(|c| c.is_uppercase())
        && capitals <= 2
        && (1..letters.len()).all(|k| letters[k].is_lowercase() || inner_capital(k));
    let abbreviation = upper && letters.len() <= 4;
    let form = lexicon().only_company_forms(w);
    clean && letters.len() >= 2 && (vowel || abbreviation || form) && (upper || lower || title)
}

/// The first lines of the first page, as an unlabelled issuer block: from the
/// first line at or after segment `from` that is not a title or noise, until
/// a wide gap. `column` is the index of the segment of that first line where
/// the block starts (0: the leftmost).
fn top_block<'a>(ctx: &'a Context<'a>, used: &[usize], column: usize, from: usize) -> Vec<BlockLine<'a>> {
    let mut lines: Vec<BlockLine<'a>> = Vec::new();
    let mut last: Option<&Segment> = None;
    let mut first_line: Option<(usize, usize)> = None; // (line, segments passed over)
    // A document field's label passed over before the block starts.
    let mut field_label: Option<&Segment> = None;
    for (j, s) in ctx.layout.segments.iter().enumerate().skip(from) {
        if s.page != 1 || used.contains(&j) {
            continue;
        }
        let title =
            ctx.label_of(j).is_some_and(|h| matches!(h.label.role, Role::Invoice | Role::Receipt | Role::CreditNote));
        // Nor does it start at a scrap of a logo or of noise ("NS", "\"ad").
        let scrap = s.text.chars().filter(|c| c.is_alphabetic()).count() < 3 || is_monogram(&s.text);
        if lines.is_empty() && (title || is_page_number(&s.text) || scrap || is_noise(ctx, s)) {
            continue;
        }
        // Nor at a document field's label set over its value in a box of its
        // own ("SĄSKAITOS NUMERIS" over "VLN 83360"), nor at that value.
        if lines.is_empty() && ctx.label_of(j).is_some_and(|h| is_document_field(h.label.role)) {
            field_label = Some(s);
            continue;
        }
        if lines.is_empty()
            && field_label
                .is_some_and(|l| s.line != l.line && s.overlaps_x(l) && s.text.chars().any(|c| c.is_ascii_digit()))
        {
            continue;
        }
        if lines.is_empty() {
            let (line, passed) = first_line.get_or_insert((s.line, 0));
            if *line != s.line {
                return Vec::new();
            }
            if *passed < column {
                *passed += 1;
                continue;
            }
        }
        // A rule printed across ("-----", "=====") closes the block.
        if !lines.is_empty()
            && s.text.chars().filter(|c| "-=_~*".contains(*c)).count() >= 3
            && super::receipt::is_rule(&s.text)
        {
            break;
        }
        if let Some(prev) = last {
            // A gap is measured in the taller of the page's lines and the
            // line above: a name set large stands further from what follows.
            let height = ctx.layout.line_height(1).max(prev.bbox.height());
            // A receipt may set its name further apart from the registration
            // number under it ("Reg No: 1203194-W", "(867388-U)"), and that
            // number from the address under it.
            let apart = match lines.as_slice() {
                [_] => registration(ctx, j, s),
                [_, number] => registration_line(ctx, number),
                _ => false,
            };
            let widest = if apart { 3.0 } else { 1.8 };
            if s.line != prev.line && s.bbox.y0 - prev.bbox.y1 > height * widest {
                break;
            }
            // Only the column the block's lines so far stand in, but for a
            // name set in spaced-out capitals whose words stand as far apart
            // as columns ("MEL LET    RESTAURANT").
            let column = lines.iter().skip(1).fold(lines[0].bbox(), |b, l| b.union(l.bbox()));
            let spaced = lines.len() == 1 && s.line == prev.line && spaced_name(ctx, prev, j, s);
            if !spaced && !s.overlaps_x(lines[0].segments[0].1) && (s.bbox.x0 > column.x1 || s.bbox.x1 < column.x0) {
                continue;
            }
        }
        last = Some(s);
        match lines.last_mut() {
            Some(l) if l.segments[0].1.line == s.line => l.segments.push((j, s)),
            _ => lines.push(BlockLine { segments: vec![(j, s)] }),
        }
        if lines.len() >= 8 {
            break;
        }
    }
    lines
}

/// A label of the document's own fields, which no party block starts with.
fn is_document_field(role: Role) -> bool {
    matches!(role, Role::InvoiceNumber | Role::Series | Role::IssueDate | Role::DueDate)
}

/// True when segment `j` (`s`) goes on the name that `prev` ends on an
/// OCR'd page: both in capitals, `s` plain (see [`is_plain`]), between half
/// and twice as tall as `prev`, and less than two of the taller's heights
/// apart.
fn spaced_name(ctx: &Context<'_>, prev: &Segment, j: usize, s: &Segment) -> bool {
    let capitals = |t: &str| t.chars().any(char::is_alphabetic) && in_capitals(t);
    let (h0, h1) = (prev.bbox.height(), s.bbox.height());
    ctx.ocr_pages.contains(&s.page)
        && capitals(&prev.text)
        && capitals(&s.text)
        && is_plain(ctx, j, s)
        && h1 <= h0 * 2.0
        && h0 <= h1 * 2.0
        && s.bbox.x0 - prev.bbox.x1 < h0.max(h1) * 2.0
}

/// Mean OCR word confidence from which a party's name is read as surely as
/// its place in the block allows; see [`read_block`].
const NAME_READ: f32 = 0.9;

fn candidate(line: &BlockLine<'_>, value: String, score: f32) -> Candidate<String> {
    let (i, seg) = line.segments[0];
    Candidate { value, score, page: seg.page, bbox: line.bbox(), source: line.text(), segment: i }
}

/// Roles whose labels belong inside a party block.
const PARTY_ROLES: &[Role] =
    &[Role::CompanyCode, Role::VatId, Role::BuyerVatId, Role::Address, Role::PartyName, Role::Iban, Role::Swift];

/// How a block's page was read, which decides what its spacing means.
#[derive(Clone, Copy)]
struct Reading {
    /// By OCR: letters may be misread, and more than a blank line's height
    /// ends an address.
    ocr: bool,
    /// In character cells (HTML, plain text): a blank line is a break the
    /// writer put there, and ends an address.
    cells: bool,
}

impl Reading {
    fn of(ctx: &Context<'_>, page: u32) -> Self {
        let cells = ctx.doc.pages.get(page as usize - 1).is_some_and(|p| p.unit == Unit::Cell);
        Reading { ocr: ctx.ocr_pages.contains(&page), cells }
    }

    /// The space between two lines of a block ends an address.
    fn parts(self, above: &BlockLine<'_>, line: &BlockLine<'_>) -> bool {
        let (a, b) = (above.bbox(), line.bbox());
        (self.ocr && gap_above(above, line)) || (self.cells && b.y0 - a.y1 >= a.height().max(b.height()))
    }
}

/// Reads name, identifiers and address from a block's lines. The name is the
/// line a name label announces, or else the first line after any lines with
/// labels kvitas does not know ("Nummer: 549910"); the address is the
/// unlabelled lines after it (or the lines of an address label and its
/// continuation), until identifiers start, space that sets lines apart (see
/// [`Reading`]), or the name the party is registered under, printed apart
/// over its registration, which then is the name.
/// `numbered_address`: the address starts at a line with a number in it (a
/// receipt's header, where a branch or former name may follow the name).
/// `reading`: how the page was read; by OCR, its labels may have a letter
/// misread and its name's "&" may need mending.
fn read_block(lines: &[BlockLine<'_>], base: f32, numbered_address: bool, reading: Reading) -> PartyFound {
    let ocr = reading.ocr;
    let mut found = PartyFound::default();
    let mut address: Vec<String> = Vec::new();
    let mut address_line: Option<usize> = None;
    // The address is the first run of plain lines after the name (or the lines
    // of an address label and those that continue it); a labelled or contact
    // line ends the run, and once ended it does not start again.
    let mut in_address = false;
    // A name label was read: it outranks the first line.
    let mut named = false;
    // Every line so far had a label kvitas does not know.
    let mut unknown_labels_only = true;
    let lines: Vec<&BlockLine<'_>> = lines.iter().filter(|l| !is_monogram(&l.text())).collect();
    // A line taken into the name above it.
    let mut joined: Option<usize> = None;
    // The line a name was taken from without a label.
    let mut unlabelled_name: Option<usize> = None;
    // The last plain line after the address had ended.
    let mut set_apart: Option<usize> = None;
    for (n, line) in lines.iter().copied().enumerate() {
        if joined == Some(n) {
            continue;
        }
        let text = line.text();
        // A line that only names a country ends an address and is no name.
        let country = country_code(&text).is_some();
        // Column names ("Unit 6, Oakwood Trading Estate") are not labels here.
        // Nor is a bare "No" ("NO.53, JALAN SAGU 18"): in a block it starts a
        // street number.
        // A label may stand in brackets ("(GST Reg. No : 000670224384)").
        let bracket = text.len() - text.trim_start_matches(['(', '[', '{']).len();
        // Nor is a party heading's word that starts a name ("Lieferant GmbH").
        // (On a page read by OCR a label may have a letter misread: "C0.REG".)
        let label = if ocr {
            lexicon().label_at_start_lenient(&text[bracket..])
        } else {
            lexicon().label_at_start(&text[bracket..])
        };
        let hit = label.filter(|h| {
            !is_column(h.label.role)
                && !matches!(h.label.role, Role::Supplier | Role::Buyer)
                && (h.label.text.len() > 2 || PARTY_ROLES.contains(&h.label.role))
        });
        let value = hit.as_ref().map_or(text.as_str(), |h| text[bracket + h.rest..].trim());
        // A block that opens with its street above a postcode line has lost
        // its name line.
        let registration = registration_of(&text, ocr);
        let lost_name = address.is_empty()
            && is_street_line(&text)
            && lines.get(n + 1).is_some_and(|next| is_postcode_line(&next.text()));
        match hit.as_ref().map(|h| h.label.role) {
            Some(Role::CompanyCode) => {
                in_address = false;
                if let Some(code) = company_code(value) {
                    let score = if code.1 >= 1.0 { VERIFIED } else { (base * code.1).min(UNVERIFIED_MAX) };
                    found.company_code = Some(candidate(line, code.0, score));
                }
            }
            Some(Role::VatId) => {
                in_address = false;
                if let Some(m) = ids_in(value).into_iter().find(|m| m.kind == IdKind::VatId) {
                    found.vat_id = Some(candidate(line, m.value, if m.valid { VERIFIED } else { base * 0.6 }));
                } else if let Some(v) = misread_vat_id(value).filter(|_| ocr) {
                    found.vat_id = Some(candidate(line, v, base * 0.8));
                } else if let Some(v) = unchecked_vat_id(value) {
                    // A number kvitas cannot check, or one that fails its
                    // check, under a VAT label: as printed, for review.
                    found.vat_id = Some(candidate(line, v.to_owned(), base * 0.5));
                }
            }
            Some(Role::Address) => {
                address = split_address(value);
                address_line = Some(n);
                in_address = true;
            }
            Some(Role::PartyName) if !named && !value.is_empty() => {
                in_address = false;
                named = true;
                // The value's first line may stand in the value column just
                // above the label's ("MVM Musterhafter" over "Name:
                // Versicherungsverein Musterstadt a.G.", "Herrn" over "Name:
                // Max Mustermann").
                let above = (n > 0 && unlabelled_name == Some(n - 1))
                    .then(|| lines[n - 1])
                    .filter(|prev| prev.bbox().x0 > line.bbox().x0 + line.bbox().height())
                    .and_then(|_| found.name.as_ref().map(|c| c.value.clone()));
                let name = match above {
                    Some(first) => format!("{first} {}", name_of(value)),
                    None => name_of(value),
                };
                found.name = Some(candidate(line, name, base.min(UNVERIFIED_MAX)));
            }
            Some(_) => in_address = false,
            None if found.name.is_none()
                && unknown_labels_only
                && !has_unknown_label(&text)
                && !is_contact(&text)
                && !ends_address(&text)
                && !lost_name
                && !country =>
            {
                let parts: Vec<&str> = line_parts(&text).into_iter().map(str::trim).collect();
                // A letterhead on one line ("Au bon moulin SARL - 1242 chemin
                // de l'olive - 84340 Malaucène - France"): name, then address.
                if parts.len() >= 3 && parts[1..].iter().any(|p| p.chars().any(|c| c.is_ascii_digit())) {
                    found.name = Some(candidate(line, name_of(parts[0]), base.min(UNVERIFIED_MAX)));
                    address = parts[1..].iter().filter(|p| !p.is_empty()).map(|p| (*p).to_owned()).collect();
                    address_line = Some(n);
                    continue;
                }
                let mut name = name_of(&text);
                if let Some(next) = lines.get(n + 1).map(|l| l.text()).filter(|next| continues_name(&text, next)) {
                    name = format!("{name} {}", name_of(&next));
                    joined = Some(n + 1);
                }
                found.name = Some(candidate(line, name, base.min(UNVERIFIED_MAX)));
                unlabelled_name = Some(n);
                // A name under its address (a rendering that prints the
                // country first) is set apart from it.
                if address.is_empty() {
                    in_address = true;
                } else {
                    set_apart = Some(n);
                }
            }
            // A registration number printed alone under the name ("(867388-U)")
            // and a date line neither belong to the address nor end it.
            None if registration.is_some() && found.company_code.is_none() => {
                let code = registration.unwrap_or_default().trim_matches(|c: char| "()[] ".contains(c)).to_owned();
                found.company_code = Some(candidate(line, code, base * 0.6));
            }
            // An identifier given with its scheme ("0184:DK12345678") under a
            // name set apart from the address: the party's registration, and
            // the name it is registered under, which is the one that counts.
            None if let Some(code) = scheme_id(&text) => {
                if found.company_code.is_none() && !code.is_empty() {
                    found.company_code = Some(candidate(line, code.to_owned(), base * 0.6));
                }
                if let Some(k) = set_apart.filter(|k| k + 1 == n) {
                    let registered = registered_name(&lines[k].text());
                    found.name = Some(candidate(lines[k], registered, base.min(UNVERIFIED_MAX)));
                    // Where no other name heads the block, its first line,
                    // read as the name, is the street that starts the address
                    // (it has a number, and no legal form).
                    if let Some(first) = unlabelled_name.take()
                        && address_line == Some(first + 1)
                        && lines[first].text().chars().any(|c| c.is_ascii_digit())
                        && !lexicon().has_company_form(&lines[first].text())
                    {
                        let mut whole = split_address(&lines[first].text());
                        whole.append(&mut address);
                        address = whole;
                        address_line = Some(first);
                    }
                }
            }
            None if registration.is_some() || is_date_line(&text) || is_lone_number(&text) => {}
            // On a scan, one to three figures alone before the address are a
            // logo's or a stamp's ink, not a house number without its street.
            None if ocr && address.is_empty() && is_speck_number(&text) => {}
            // On a scan, more than a blank line's height above ends the
            // address (a till slip's branch line or a stamp further down;
            // printed letterheads may space their lines wider); in text, a
            // blank line does.
            None if in_address && !address.is_empty() && n > 0 && reading.parts(lines[n - 1], line) => {
                in_address = false;
                set_apart = Some(n);
            }
            None if is_contact(&text) || has_unknown_label(&text) || ends_address(&text) => in_address = false,
            // On a receipt the lines between the name and the first line with
            // a number (branch, former name, licence) are not the address yet.
            // A line whose parts a comma separates is an address's, though OCR
            // may have misread its number ("SRD FLR, AEON TAMAN MALURI SC").
            // A line that names a street starts it all the same.
            None if numbered_address
                && address.is_empty()
                && !text.chars().any(|c| c.is_ascii_digit())
                && !lexicon().names_street(&text)
                && !text.trim_end_matches([',', '.', ' ']).contains(',') => {}
            None if in_address || address.is_empty() => {
                address.extend(split_address(&text));
                address_line.get_or_insert(n);
                // The country is an address's last line.
                in_address = !country;
            }
            None => set_apart = Some(n),
        }
        // (An identifier line before the name, "GLN 4333741000005", too.)
        // (A country printed before the name, too.)
        unknown_labels_only &= hit.is_none() && (has_unknown_label(&text) || ends_address(&text) || country);
        // A VAT id printed without a label ("LT100001234517") still counts.
        if found.vat_id.is_none()
            && let Some(m) = ids_in(&text).into_iter().find(|m| m.kind == IdKind::VatId && m.valid)
        {
            found.vat_id = Some(candidate(line, m.value, base * 0.9));
        }
    }
    if let Some(name) = found.name.as_mut().filter(|_| ocr) {
        name.value = without_trailing_speck(&misreads_mended(&name.value));
        // A speck before its first letter ("-Nørrebro Købmand ApS").
        if let Some(rest) = super::items::after_leading_speck(&name.value) {
            name.value = rest.to_owned();
        }
        // A name OCR was unsure of is doubtful: its belief falls with the
        // reader's mean confidence in the words within its box below
        // [`NAME_READ`].
        let within = |b: &BBox| {
            (name.bbox.x0..=name.bbox.x1).contains(&b.center_x())
                && (name.bbox.y0..=name.bbox.y1).contains(&b.center_y())
        };
        let segments = lines.iter().flat_map(|l| l.segments.iter()).filter(|(_, s)| within(&s.bbox));
        if let Some(mean) = mean_confidence(segments.flat_map(|(_, s)| &s.words)) {
            name.score *= (mean / NAME_READ).min(1.0);
        }
    }
    if let Some(first) = address.first_mut().filter(|_| ocr)
        && let Some(rest) = super::items::after_leading_speck(first)
    {
        *first = rest.to_owned();
    }
    if let Some(n) = address_line.filter(|_| !address.is_empty()) {
        let parts: Vec<String> = address.iter().map(|p| spaced_postcodes(p)).collect();
        found.address = Some(candidate(lines[n], parts.join(", "), (base * 0.9).min(UNVERIFIED_MAX)));
    }
    found
}

/// A street and house number alone ("Rømersvej 734", "Kauno g. 12-4").
fn is_street_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| {
        let w = w.trim_end_matches(',');
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            && w.chars().filter(char::is_ascii_alphabetic).count() <= 1
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/')
    };
    (2..=4).contains(&words.len())
        && words[0].chars().all(char::is_alphabetic)
        && words.last().is_some_and(|w| number(w))
        && !lexicon().has_company_form(text)
}

/// A postcode and town ("2625 Suldrup", "LT-68893 Marijampolė").
fn is_postcode_line(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let code = words.next().unwrap_or_default();
    let digits = code.trim_start_matches(|c: char| c.is_ascii_uppercase()).trim_start_matches('-');
    (4..=5).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && code.len() - digits.len() <= 3
        && words.next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A British postcode or an Irish Eircode read without the space between its
/// two halves ("NG19QQ", "T124A3P"), as OCR may read it, written with it.
fn spaced_postcodes(part: &str) -> String {
    let spaced = |w: &str| -> Option<String> {
        let b = w.as_bytes();
        let upper_or_digit = b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !upper_or_digit {
            return None;
        }
        // Eircode: a letter and two figures, then four letters or figures.
        let eircode = b.len() == 7 && b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_digit();
        // Postcode: an outward code of a letter or two, a figure and maybe
        // one more letter or figure; an inward code of a figure and two letters.
        let n = b.len();
        let inward = n >= 5 && b[n - 3].is_ascii_digit() && b[n - 2..].iter().all(u8::is_ascii_uppercase);
        let outward = &b[..n.saturating_sub(3)];
        let letters = outward.iter().take_while(|c| c.is_ascii_uppercase()).count();
        let postcode = inward
            && (1..=2).contains(&letters)
            && outward.get(letters).is_some_and(u8::is_ascii_digit)
            && (letters + 1..=letters + 2).contains(&outward.len());
        let at = if postcode {
            n - 3
        } else if eircode {
            3
        } else {
            return None;
        };
        Some(format!("{} {}", &w[..at], &w[at..]))
    };
    part.split(' ').map(|w| spaced(w).unwrap_or_else(|| w.to_owned())).collect::<Vec<_>>().join(" ")
}

/// A name read by OCR with its "&" read as "8", "6", "E", "£" or a guillemet
/// between two capitalised words ("SUPER SEVEN CASH 8 CARRY", "Winther 6
/// Son A/S", "B « BEST"), and its "plc" read as "pic" or "S/B" (Sendirian
/// Berhad) as "5/B", mended, and so are its words' letters read as signs
/// (see [`letter_mended`]).
fn misreads_mended(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || "'.".contains(c))
    };
    let last = words.len().saturating_sub(1);
    let mended = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let between = i > 0 && i < last && capitalised(words[i - 1]) && capitalised(words[i + 1]);
            if between && ["8", "6", "E", "£", "«", "»"].contains(w) {
                "&"
            } else if i == last && i > 0 && *w == "pic" {
                "plc"
            } else if i == last && i > 0 && *w == "5/B" {
                "S/B"
            } else {
                w
            }
        })
        .map(|w| letter_mended(w).unwrap_or_else(|| w.to_owned()))
        .collect::<Vec<String>>();
    mended.join(" ")
}

/// One word of a name with a letter OCR read as a sign or figure put back:
/// a lower-case "l" ending a word read as an unopened bracket ("BHPetro)"),
/// and an "I" or "O" among three or more initials read as a figure ("D.1.Y.").
fn letter_mended(word: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix(')')
        && !stem.contains('(')
        && stem.chars().count() >= 3
        && stem.chars().all(char::is_alphabetic)
        && stem.chars().last().is_some_and(char::is_lowercase)
    {
        return Some(format!("{stem}l"));
    }
    let parts: Vec<&str> = word.strip_suffix('.').unwrap_or(word).split('.').collect();
    // Three initials or more, two of them letters: "A.1" may be a name.
    let initials = parts.len() >= 3
        && parts.iter().all(|p| p.chars().count() == 1)
        && parts.iter().filter(|p| p.chars().all(char::is_uppercase)).count() >= 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_uppercase() || c == '1' || c == '0'));
    (initials && word.contains(['1', '0'])).then(|| word.replace('1', "I").replace('0', "O"))
}

/// A name read by OCR without a lone figure or sign that a speck after it
/// was read as ("PERNIAGAAN RIANG RIA 4").
fn without_trailing_speck(name: &str) -> String {
    match name.trim_end().rsplit_once(' ') {
        Some((head, last))
            if last.chars().count() == 1 && !last.chars().all(char::is_alphabetic) && !head.is_empty() =>
        {
            head.trim_end().to_owned()
        }
        _ => name.to_owned(),
    }
}

/// True when the line under a party's name line is more of the name: the
/// name line is only a form of address ("Herrn" over "Max Mustermann"), or
/// neither holds a figure and only the line under carries the legal form
/// ("MVM Musterhafter" over "Versicherungsverein Musterstadt a.G.").
fn continues_name(name: &str, next: &str) -> bool {
    let figures = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    let plain =
        !figures(next) && !is_contact(next) && !has_unknown_label(next) && lexicon().label_at_start(next).is_none();
    if lexicon().is_salutation(name) {
        return plain;
    }
    plain && !figures(name) && lexicon().has_company_form(next) && !lexicon().has_company_form(name)
}

/// A line after which an address does not go on: one that holds an
/// identifier (nine or more digits in a row, as tax and registration numbers
/// run: "GST ID No 000181747712", however OCR read its label), that is a
/// document's title ("TAX INVOICE", also run together as "TAXINVOICE"), or
/// that holds prices.
fn ends_address(text: &str) -> bool {
    let mut run = 0;
    let long_number = text.chars().any(|c| {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        run >= 9
    });
    let squeezed: String = text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let lower = crate::layout::lexicon::normalize(text);
    // The whole line a title, or a title of several words within it
    // ("Koreguojama PVM sąskaita faktūra: Serija PVM Nr. 00209040").
    let title = [Role::Invoice, Role::Receipt, Role::CreditNote].iter().any(|r| {
        lexicon()
            .labels_of(*r)
            .any(|l| (l.len() >= 7 && l.replace(' ', "") == squeezed) || (l.contains(' ') && lower.contains(l)))
    });
    // Prices: two or more amounts with cents ("1.00 X 21.32 21.32"), an item
    // line under a receipt's header.
    let prices = text
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches([',', ';']);
            w.split_once(['.', ',']).is_some_and(|(a, b)| {
                !a.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && b.len() == 2
                    && b.chars().all(|c| c.is_ascii_digit())
            })
        })
        .count()
        >= 2;
    long_number || title || prices
}

/// An identifier written with its scheme, as e-invoice renderings print a
/// party's legal registration: an ISO 6523 scheme code of four figures (or no
/// scheme at all), a colon, and the identifier ("0184:DK12345678",
/// ":GB983294").
fn scheme_id(text: &str) -> Option<&str> {
    let (scheme, id) = text.trim().split_once(':')?;
    let scheme_ok = scheme.is_empty() || (scheme.len() == 4 && scheme.bytes().all(|b| b.is_ascii_digit()));
    let id_ok = id.len() >= 5
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && id.bytes().any(|b| b.is_ascii_digit());
    // (A rendering with neither prints the colon alone under the name.)
    (scheme_ok && (id_ok || (scheme.is_empty() && id.is_empty()))).then_some(id)
}

/// The value of a VAT label that has a VAT number's shape (two capitals, then
/// six to fourteen capitals and figures, most of them figures) though no check
/// confirms it; a scheme written before it ("VAT:GB1232434") is passed over.
fn unchecked_vat_id(value: &str) -> Option<&str> {
    value.split([' ', ':']).find(|t| {
        let b = t.as_bytes();
        b.len() >= 8
            && b.len() <= 16
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..].iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && b[2..].iter().filter(|c| c.is_ascii_digit()).count() * 2 > b.len() - 2
    })
}

/// A registered name as printed over its registration, without the legal
/// information set after it in brackets ("SupplierOfficialName Ltd
/// (AdditionalLegalInformation)", "Buyer AS ()").
fn registered_name(text: &str) -> String {
    let t = text.trim();
    match t.rfind('(') {
        Some(open) if open > 0 && t.ends_with(')') => t[..open].trim().to_owned(),
        _ => name_of(t),
    }
}

/// A name as printed, without a registration number set after it
/// ("TRI SHAAS SDN BHD (728515-M)").
/// OCR may misread its brackets: "(750785-H}", "1519537-X)".
fn name_of(text: &str) -> String {
    if let Some(open) = text.rfind(['(', '[', '{'])
        && open > 0
        && text[open..].chars().any(|c| c.is_ascii_digit())
        && is_registration(&text[open..])
    {
        return text[..open].trim().to_owned();
    }
    if let Some((head, last)) = text.trim_end().rsplit_once(' ')
        && last.ends_with([')', ']', '}'])
        && is_registration(last)
    {
        return head.trim().to_owned();
    }
    text.to_owned()
}

/// The registration number a line holds alone (see [`is_registration`]); on
/// an OCR page also after a speck of one or two characters before its
/// bracket (`e (00161023" P)`).
fn registration_of(text: &str, ocr: bool) -> Option<&str> {
    let t = text.trim();
    if is_registration(t) {
        return Some(t);
    }
    let open = t.find(['(', '[', '{'])?;
    let speck = &t[..open];
    (ocr && speck.trim().chars().count() <= 2
        && !speck.chars().any(|c| c.is_ascii_digit())
        && is_registration(&t[open..]))
    .then(|| &t[open..])
}

/// A line that is only a registration number: digits with maybe a hyphen and
/// a check letter, often in brackets ("(867388-U)", "002693074-K", "78911 7-W").
fn is_registration(text: &str) -> bool {
    let t = text.trim();
    let bracketed = t.starts_with(['(', '[', '{']) && t.ends_with([')', ']', '}']);
    let inner = t.trim_start_matches(['(', '[', '{']).trim_end_matches([')', ']', '}', '.', ',', ':', ';']).trim();
    let digits = inner.chars().filter(char::is_ascii_digit).count();
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    let allowed = inner.chars().all(|c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation() || c == ' ');
    // A check letter after a dash ("-U", "~M"); a postcode and town
    // ("47400 PJ") has neither that nor brackets.
    let check_letter = {
        let mut rev = inner.chars().rev();
        rev.next().is_some_and(char::is_alphabetic) && rev.next().is_some_and(|c| "-~+".contains(c))
    };
    allowed && digits >= 5 && letters <= 2 && inner.split_whitespace().count() <= 2 && (bracketed || check_letter)
}

/// A number of six figures or more alone on a line ("122703:"): a
/// registration number that OCR read without its brackets and check letter.
fn is_lone_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c.is_ascii_punctuation());
    t.len() >= 6 && t.chars().all(|c| c.is_ascii_digit())
}

/// One to three figures alone on a line.
fn is_speck_number(text: &str) -> bool {
    let t = text.trim();
    (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
}

/// True when more than a blank line's height (the taller line's) lies
/// between `above` and `line`.
fn gap_above(above: &BlockLine<'_>, line: &BlockLine<'_>) -> bool {
    let (a, b) = (above.bbox(), line.bbox());
    b.y0 - a.y1 > a.height().max(b.height())
}

/// A line that holds a date and nothing else but a time ("05 Mar 2018 18:24").
fn is_date_line(text: &str) -> bool {
    let dates = crate::values::dates_in(text, crate::values::DateOrder::DayFirst);
    let Some(d) = dates.first() else { return false };
    let rest = format!("{} {}", &text[..d.start], &text[d.end..]);
    !rest.chars().any(char::is_alphabetic)
}

/// Address parts: one printed line, split where a one-line address separates
/// its parts with a middle dot or a bullet.
fn split_address(text: &str) -> Vec<String> {
    // OCR reads a middle dot as a hyphen, or a long dash; a dash with spaces
    // around it separates parts too, where a street or postcode's hyphen
    // stands between letters or digits.
    line_parts(text)
        .into_iter()
        .map(|p| p.trim().trim_end_matches(',').trim())
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// "Side 1 af 2", "Page 1 of 1", "Puslapis 1 iš 1", "1/2": page numbers, never a name.
fn is_page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let numeric = |w: &str| w.split('/').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    match words.as_slice() {
        [w] => w.contains('/') && numeric(w),
        [label, rest @ ..] => {
            ["side", "page", "puslapis", "lapas", "seite", "sida"].contains(label)
                && rest.iter().all(|w| numeric(w) || ["af", "of", "iš", "von", "av", "/"].contains(w))
        }
        [] => false,
    }
}

/// A company code as printed, with how sure its shape makes us.
fn company_code(text: &str) -> Option<(String, f32)> {
    let token: String = text.split_whitespace().next()?.trim_end_matches([',', '.', ';']).to_owned();
    if !token.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(mended) = uk_company_number_mended(&token) {
        return Some((mended, 0.8));
    }
    let digits: String = token.chars().filter(char::is_ascii_digit).collect();
    let quality = match digits.len() {
        9 if lt_company_code_valid(&digits) => 1.0,
        8 if dk_cvr_valid(&digits) => 1.0,
        _ => 0.8,
    };
    Some((token, quality))
}

/// Telephone, e-mail and web lines are not part of an address, nor is a bare
/// telephone number ("+45 50 95 24 13", "020 7850 5539").
fn is_contact(text: &str) -> bool {
    let lower = text.to_lowercase();
    // (OCR may read a speck or a phone symbol before it as a letter: "o 012-8710493".)
    let number = match text.split_once(' ') {
        Some((speck, rest)) if speck.chars().count() == 1 => rest,
        _ => text,
    };
    let phone = number.chars().all(|c| c.is_ascii_digit() || " +-()/".contains(c))
        && number.chars().filter(char::is_ascii_digit).count() >= 7;
    // "T. 03-2093 7358", "F: 03-2093 7359": a letter or two, a point or
    // colon, then the number. A word of three or four letters may be such a
    // label misread by OCR ("Tif. +45 25 95 94 12" for "Tlf."): then the
    // number must be an international one.
    let prefixed = lower.split_once(['.', ':']).is_some_and(|(head, rest)| {
        let letters = head.trim().chars().count();
        let short = (1..=2).contains(&letters) || ((3..=4).contains(&letters) && rest.trim_start().starts_with('+'));
        short
            && head.trim().chars().all(char::is_alphabetic)
            && rest.chars().filter(char::is_ascii_digit).count() >= 7
            && rest.chars().all(|c| c.is_ascii_digit() || " +-()/".contains(c))
    });
    // Words end where a letter does not follow ("Tel.", not "Telšių").
    let word = |p: &&str| lower.strip_prefix(*p).is_some_and(|rest| !rest.starts_with(char::is_alphabetic));
    ["tel", "tlf", "phone", "telephone", "telefon", "fon", "mob", "mobile", "mobil", "e-mail", "email", "el. paštas", "fax"]
        .iter()
        .any(word)
        || ["www", "http", "t:", "e:"].iter().any(|p| lower.starts_with(p))
        // An e-mail address has letters on both sides of its "@" (OCR reads a
        // bullet as a lone "@").
        || lower.split_whitespace().any(|w| w.find('@').is_some_and(|i| i > 0 && i + 1 < w.len()))
        || phone
        || prefixed
}

/// A line that starts with a label kvitas does not know ("Bankas: …",
/// "Reason: …"): a few words ending in a colon, with a value after it, the
/// whole in brackets or not ("(CO Reg : 750441-W)"). A colon inside brackets
/// after a name is not a label's ("ACME AB (Säte: Big City)").
fn has_unknown_label(text: &str) -> bool {
    text.split_once(':').is_some_and(|(head, rest)| {
        let words = head.split_whitespace().count();
        let inner = head.trim_start_matches(|c: char| !c.is_alphanumeric());
        (1..=3).contains(&words)
            && inner.matches('(').count() <= inner.matches(')').count()
            && !head.chars().any(|c| c.is_ascii_digit())
            && !rest.trim().is_empty()
            && !is_street_number_word(head)
    })
}

/// Words that introduce a street or unit number ("NO.S: 55,57 & 59",
/// "NO: G3, BLK G", "LOT NO.: 4F-27"), which start an address, not a label.
pub(super) fn is_street_number_word(head: &str) -> bool {
    let words: Vec<String> = head
        .split_whitespace()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).collect::<String>().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| ["no", "nos", "nr", "lot", "unit"].contains(&w.as_str()))
}

/// A logo's letters set as text ("ST", "NT"): two or three capitals alone on
/// a line, which are neither a name nor an address.
fn is_monogram(text: &str) -> bool {
    let n = text.chars().count();
    (1..=3).contains(&n) && text.chars().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_numbers_are_not_labels_nor_bullets_mail() {
        assert!(!has_unknown_label("NO.S: 55,57 & 59, JALAN SAGU 18,"));
        assert!(!has_unknown_label("NO: G3, BLK G, JLN PJU 1A/3"));
        assert!(has_unknown_label("Bankas: Swedbank"));
        assert!(!is_contact("@ NO.12,JALAN SS4C/5,PETALING JAYA"));
        assert!(is_contact("lj@buyer.se"));
        assert!(is_contact("fon (555) 23 78 -0"));
    }

    #[test]
    fn identifiers_and_titles_end_an_address() {
        for t in [
            "GST ID No 000181747712",
            "TAXINVOICE",
            "Tax Invoice",
            "(GST ID NO: 001234567890)",
            "Koreguojama PVM sąskaita faktūra: Serija PVM Nr. 00209040, 2025-02-19",
            "400002 1.00 X 21.32 21.32",
        ] {
            assert!(ends_address(t), "{t}");
        }
        for t in ["Tampoi,81200 Johor Bahru", "NO.53 55,57 & 59, JALAN SAGU 18", "Kauno g. 119, LT-90110 Plungė"] {
            assert!(!ends_address(t), "{t}");
        }
    }

    #[test]
    fn page_numbers_are_recognised() {
        for p in ["Side 1 af 1", "Page 2 of 3", "Puslapis 1 iš 2", "1/2", "Side 1/2"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["Nordisk Træ ApS", "Unit 6", "12/34 Main St"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn registration_numbers_and_dates_are_told_from_names_and_addresses() {
        for reg in ["(867388-U)", "002693074-K", "78911 7-W", "(81109-A)", "789+17-W", "(65351~M)"] {
            assert!(is_registration(reg), "{reg}");
        }
        for not in
            ["NO 290, JALAN AIR PANAS,", "81100 JOHOR BAHRU,", "Gedimino pr. 29C", "LT-00846 Palanga", "47400 PJ"]
        {
            assert!(!is_registration(not), "{not}");
        }
        assert_eq!(registration_of("e (00161023\" P)", true), Some("(00161023\" P)"));
        assert_eq!(registration_of("e (00161023\" P)", false), None);
        assert_eq!(registration_of("Lot (12345-A)", true), None);
        assert_eq!(registration_of("(81109-A)", false), Some("(81109-A)"));
        assert_eq!(name_of("TRI SHAAS SDN BHD (728515-M)"), "TRI SHAAS SDN BHD");
        assert_eq!(name_of("Anzel Advertising Sdn bhd (750785-H}"), "Anzel Advertising Sdn bhd");
        assert_eq!(name_of("99 SPEED MART S/B 1519537-X)"), "99 SPEED MART S/B");
        assert_eq!(name_of("KEDAI RUNCIT 2020)"), "KEDAI RUNCIT 2020)");
        assert_eq!(name_of("BOOK TA .K (TAMAN DAYA) SDN BHD"), "BOOK TA .K (TAMAN DAYA) SDN BHD");
        assert!(is_date_line("05 Mar 2018 18:24"));
        assert!(!is_date_line("Date: 05 Mar 2018"));
        assert!(is_lone_number("122703:") && is_lone_number("(1174703)"));
        for not in ["47400", "47400 PJ", "75, JALAN SS 22/19"] {
            assert!(!is_lone_number(not), "{not}");
        }
        // Lines 31 high: 47 apart is more than a blank line, 20 is not.
        let line = |y0: f32, text: &str| Segment {
            page: 1,
            line: 0,
            words: Vec::new(),
            text: text.to_owned(),
            bbox: BBox::new(50.0, y0, 500.0, y0 + 31.0),
            confidence: 0.9,
        };
        let (a, b, c) = (line(338.0, "NO7,JLN UERO,"), line(416.0, "27 BASIN BESAR"), line(389.0, "SHAH ALAM"));
        fn block(s: &Segment) -> BlockLine<'_> {
            BlockLine { segments: vec![(0, s)] }
        }
        assert!(gap_above(&block(&a), &block(&b)));
        assert!(!gap_above(&block(&a), &block(&c)));
    }

    #[test]
    fn noise_lines_are_not_words() {
        for noise in ["Ao30i8", "A0soik", "oS", "Ho6", "HeLLo", "McGoNagle", "Mc", "Xtz"] {
            assert!(!is_wordlike(noise), "{noise}");
        }
        // Names with a capital inside and legal forms without a vowel are words.
        for word in ["McGonagle", "MacLeod", "Ltd"] {
            assert!(is_wordlike(word), "{word}");
        }
        for word in ["UNIHAKKA", "Jalan", "tan", "SDN", "&"] {
            assert_eq!(is_wordlike(word), word != "&", "{word}");
        }
    }

    #[test]
    fn postcodes_read_without_their_space_get_it_back() {
        assert_eq!(spaced_postcodes("Nottingham NG19QQ"), "Nottingham NG1 9QQ");
        assert_eq!(spaced_postcodes("L14DB"), "L1 4DB");
        assert_eq!(spaced_postcodes("EC1A3HX"), "EC1A 3HX");
        assert_eq!(spaced_postcodes("T124A3P"), "T12 4A3P");
        for same in ["NG1 9QQ", "LT-31027 Visaginas", "2360 Hovborg", "B2 8TL", "Unit 10", "A1B2C3D", "1234567"] {
            assert_eq!(spaced_postcodes(same), same);
        }
    }

    #[test]
    fn signs_misread_in_names_are_mended() {
        assert_eq!(misreads_mended("SUPER SEVEN CASH 8 CARRY SDN BHD"), "SUPER SEVEN CASH & CARRY SDN BHD");
        assert_eq!(misreads_mended("B « BEST RESTAURANT"), "B & BEST RESTAURANT");
        assert_eq!(misreads_mended("Winther 6 Son A/S"), "Winther & Son A/S");
        assert_eq!(misreads_mended("Kingfisher Plumbing £ Heating Ltd"), "Kingfisher Plumbing & Heating Ltd");
        assert_eq!(misreads_mended("Bell & Carter pic"), "Bell & Carter plc");
        assert_eq!(misreads_mended("99 SPEED MART 5/B"), "99 SPEED MART S/B");
        assert_eq!(without_trailing_speck("PERNIAGAAN RIANG RIA 4"), "PERNIAGAAN RIANG RIA");
        assert_eq!(without_trailing_speck("PERNIAGAAN RIANG RIA |"), "PERNIAGAAN RIANG RIA");
        for same in ["Vitamin A", "Studio 54", "4"] {
            assert_eq!(without_trailing_speck(same), same);
        }
        assert_eq!(misreads_mended("BHPetro) Subang Airport"), "BHPetrol Subang Airport");
        assert_eq!(misreads_mended("MR. D.1.Y. (M) SDN BHD"), "MR. D.I.Y. (M) SDN BHD");
        assert_eq!(misreads_mended("C.0.D. TRADING"), "C.O.D. TRADING");
        for same in [
            "99 SPEED MART S/B",
            "PACK 8 pcs",
            "UAB E",
            "Studio 54 Design",
            "pic",
            "(Malaysia) Sdn Bhd",
            "Store (KL)",
            "5.1.2 Ltd",
            "A.1 Motors",
        ] {
            assert_eq!(misreads_mended(same), same);
        }
    }

    #[test]
    fn contact_lines_are_told_from_names() {
        for contact in [
            "Tel. 8 5 212 3456",
            "Telefon: 015119630027",
            "Mobile: +45 20 30 40 50",
            "info@firma.lt",
            "Tif. +45 25 95 94 12",
        ] {
            assert!(is_contact(contact), "{contact}");
        }
        for name in ["Telšių vandenys, UAB", "Mobilus ryšys, UAB", "Faxe Kalk A/S", "Telefonica", "Reg. 12345678"] {
            assert!(!is_contact(name), "{name}");
        }
        assert!(has_unknown_label("Nummer: 549910"));
        assert!(!has_unknown_label("Lieferant GmbH"));
        assert!(!has_unknown_label("ACME AB (Säte: Big City)"));
        assert!(has_unknown_label("“(CO Reg : 750441-W)"));
    }

    #[test]
    fn one_line_addresses_split_at_middle_dots() {
        assert_eq!(
            split_address("122 Victoria Road · Manchester · M1 1JN"),
            ["122 Victoria Road", "Manchester", "M1 1JN"]
        );
        // As OCR reads the dots.
        assert_eq!(split_address("Dybbølsvej 6 - 9076 Hillerød"), ["Dybbølsvej 6", "9076 Hillerød"]);
        assert_eq!(split_address("Gėlių g. 152-3, LT-72653 Tauragė"), ["Gėlių g. 152-3, LT-72653 Tauragė"]);
    }
}
