#!/usr/bin/env python3
"""Check `recoupe extract` of the demo corpus against its answer key.

    python3 tests/check_expected.py EXTRACT.jsonl [examples/corpus/expected.json]

EXTRACT.jsonl is the output of `recoupe extract examples/corpus` (ids are paths
under examples/corpus, JSONL lines FILE#ID).  Checked, from the key:
  - documents[].published: the day (and time when the key has one) of each
    document's publication date, including scraped .txt pages, whose date
    comes from their dateline;
  - dates[]: each expected expression is found at its context with its value.
    The key's convention (expected.json "conventions.date_value") is a day,
    month, year or ISO week, or A/B for an interval; a part of the day that
    recoupe adds ("2025-03-03TEV") matches the day, an interval matches when
    both ends are found in the expression.
Prints one line per miss and a summary; exits 1 when a share below the
minimum is right (--min-dates, default 0.9; published must all be right).
Python standard library only.
"""
import json
import sys


def load_extract(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            i = o["id"]
            if i.startswith("examples/corpus/"):
                i = i[len("examples/corpus/"):]
            out[i] = o
    return out


def key_of(path, docs):
    if path in docs:
        return docs[path]
    # JSONL lines: FILE#ID in the key, ID alone in recoupe's output
    if "#" in path:
        return docs.get(path.split("#", 1)[1])
    return None


def value_ok(want, got):
    if want == got:
        return True
    return len(got) > len(want) and got.startswith(want) and got[len(want)] == "T" and len(want) == 10


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    min_dates = 0.9
    for a in sys.argv[1:]:
        if a.startswith("--min-dates="):
            min_dates = float(a.split("=", 1)[1])
    docs = load_extract(args[0])
    key = json.load(open(args[1] if len(args) > 1 else "examples/corpus/expected.json", encoding="utf-8"))
    bad = 0
    npub = okpub = 0
    for d in key["documents"]:
        if not d.get("published"):
            continue
        o = key_of(d["path"], docs)
        npub += 1
        want = d["published"]
        got = (o or {}).get("published") or ""
        # same day; same minute when both carry a time (zones may be written differently)
        ok = got[:10] == want[:10] and (len(got) < 16 or len(want) < 16 or got[11:16] == want[11:16])
        if ok:
            okpub += 1
        else:
            print(f"published: {d['path']}: want {want}, got {got or None}")
    ndates = okdates = 0
    for d in key["dates"]:
        o = key_of(d["path"], docs)
        ndates += 1
        if not o:
            print(f"date: {d['path']}: document missing")
            continue
        text = o["text"].encode("utf-8")
        ctx = d["context"].encode("utf-8")
        at = text.find(ctx)
        lo, hi = (at, at + len(ctx)) if at >= 0 else (0, len(text))
        near = [x for x in o["dates"] if x["start"] < hi and x["end"] > lo]
        want = d["value"].split("/")
        got = [x["value"] for x in near]
        if all(any(value_ok(w, g) for g in got) for w in want):
            okdates += 1
        else:
            print(f"date: {d['path']}: {d['text']!r} want {d['value']}, got {got} (published {o.get('published')})")
    share = okdates / ndates if ndates else 1.0
    print(f"check_expected: published {okpub}/{npub}, dates {okdates}/{ndates} ({share:.3f})")
    return 0 if okpub == npub and share >= min_dates else 1


if __name__ == "__main__":
    sys.exit(main())
