"""Human-readable rendering of a Document (`marsad extract --format pretty`)."""

from __future__ import annotations

from marsad.model import SIZE_KINDS, Count, Document, Token

QUOTE_WIDTH = 80  # characters of a quote shown in the pretty listing


def _token(doc: Document, token: Token) -> str:
    if len(token.segments) == 1:
        return doc.span_text(token)
    return "+".join(doc.span_text(s) for s in token.segments)


def _codes(*values: object) -> str:
    return " ".join(str(v) for v in values if v) or "-"


def _count(c: Count) -> str:
    if c.high == c.low:
        return str(c.low)
    return f"{c.low}-{c.high}" if c.high is not None else f"{c.low}+"


def render_pretty(doc: Document) -> str:
    lines = [f"document {doc.id}"]
    for label, value in (("title", doc.title), ("published", doc.published), ("source", doc.source), ("url", doc.url)):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(f"  {len(doc.sentences)} sentences, {len(doc.tokens)} tokens, {len(doc.mentions)} mentions")
    tokens = iter(doc.tokens)
    pending = next(tokens, None)
    for number, sentence in enumerate(doc.sentences, start=1):
        words = []
        while pending is not None and pending.start < sentence.end:
            if pending.start >= sentence.start:
                words.append(_token(doc, pending))
            pending = next(tokens, None)
        lines.append(f"  [{number}] {sentence.start}-{sentence.end}: {' '.join(words)}")
    texts = {m.id: m.text for m in doc.mentions}
    if doc.actors:
        lines.append("  actors:")
        for a in doc.actors:
            forms = sorted({texts[i] for i in a.mentions}, key=len, reverse=True)
            lines.append(
                f"    {a.id} {a.name} [{_codes(a.country, a.sector)}] {_codes(a.kb_id, a.wikidata)} "
                f"x{len(a.mentions)}: {' | '.join(forms)}"
            )
    if doc.places:
        lines.append("  places:")
        for p in doc.places:
            point = f"{p.lat:.3f},{p.lon:.3f}" if p.lat is not None and p.lon is not None else "-"
            lines.append(
                f"    {p.id} {p.name} [{_codes(p.country, p.resolution)}] geonames {p.geonameid or '-'} "
                f"@ {point} x{len(p.mentions)}"
            )
    if doc.times:
        lines.append("  times:")
        for t in doc.times:
            lines.append(f"    {t.start}-{t.end} {t.text} -> {t.value or '-'} ({t.granularity})")
    if doc.quotes:
        actors = {a.id: a.name for a in doc.actors}
        lines.append("  quotes:")
        for q in doc.quotes:
            speaker = texts.get(q.speaker_mention or "") or (q.speaker_phrase.text if q.speaker_phrase else "?")
            if q.speaker_actor and actors.get(q.speaker_actor) not in (None, speaker):
                speaker += f" = {actors[q.speaker_actor]}"
            quoted = q.text if len(q.text) <= QUOTE_WIDTH else q.text[:QUOTE_WIDTH] + "…"
            lines.append(f"    {q.start}-{q.end} {q.kind} [{q.cue.text}] {speaker}: {quoted}")
    if doc.events:
        lines.append("  events:")
        places = {p.id: p.name for p in doc.places}
        for e in doc.events:
            who = ", ".join(f"{p.text} [{_codes(p.country, p.sector)}]" for p in e.actor) or "?"
            whom = ", ".join(f"{p.text} [{_codes(p.country, p.sector)}]" for p in e.recipient) or "-"
            kind = e.type + (f"/{e.mode}" if e.mode else "")
            where = f"{places[e.place]} ({e.place_source})" if e.place else "-"
            size = " ".join(f"{k} {_count(c)}" for k in SIZE_KINDS if (c := getattr(e.size, k)) is not None)
            claim = f" claimed in {e.quote}" if e.quote else ""
            lines.append(
                f"    {e.id} {kind} [{' / '.join(t.text for t in e.triggers)}] {who} -> {whom} @ {where} "
                f"on {e.date or '-'} ({e.date_source}){' ' + size if size else ''}{claim}"
            )
    other = [m for m in doc.mentions if m.label in ("TITLE", "MISC")]
    if other:
        lines.append("  roles and other names: " + ", ".join(f"{m.text} ({m.label})" for m in other))
    return "\n".join(lines) + "\n"
