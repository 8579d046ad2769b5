#!/bin/sh
# The main job on the demo corpus: ingest examples/corpus into recoupe.db and
# show what was stored.  Run through `make demo` (which installs and builds).
set -e
R=${RECOUPE:-build/recoupe}
DB=${RECOUPE_DB:-recoupe.db}
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "== recoupe ingest examples/corpus   (database: $DB)"
# Some demo inputs are deliberately bad or odd (they show how errors are
# reported); the exit status 1 then only says that something failed.
"$R" --db "$DB" ingest examples/corpus || [ $? -eq 1 ]
echo
echo "== documents by language, copies (duplicate, near_duplicate, translation, rewrite) and stories"
"$R" --db "$DB" export | python3 -c '
import json, sys, collections
d = json.load(sys.stdin)
langs = collections.Counter(x["lang"] or "?" for x in d["docs"])
print("  %d documents: %s" % (len(d["docs"]), ", ".join("%s %d" % kv for kv in sorted(langs.items()))))
for x in d["docs"][:60]:
    print("  %-4s %-10s %s" % (x["lang"] or "?", (x["published"] or "")[:10], (x["title"] or x["id"])[:90]))
for c in d["copies"]:
    print("  copy: %s\n     of %s (%s)" % (c["b"], c["a"], c["kind"]))
print("  %d stories, %d entities" % (len(d["stories"]), len(d["entities"])))
for s in d["stories"]:
    print("  %-4s %2d docs  %s" % (s["id"], len(s["docs"]), (s["title"] or "")[:80]))
'
echo
echo "== recoupe search Kovalenko"
"$R" --db "$DB" search --limit 3 Kovalenko || true
echo "== recoupe search inondations"
"$R" --db "$DB" search --limit 3 inondations || true
