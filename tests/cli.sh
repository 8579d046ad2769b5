#!/bin/sh
# End-to-end tests of the `recoupe` command: help, extract, ingest, export,
# search, show, quotes, timeline, stories, story, bad inputs and the golden
# extract output of the demo corpus.
# Run from the project root: RECOUPE=build/recoupe sh tests/cli.sh
# Last line: "N passed, N failed".
R=${RECOUPE:-build/recoupe}
T=$(mktemp -d /tmp/rc-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# check NAME COMMAND...: the command must succeed
check() { name=$1; shift; if "$@" >"$T/out" 2>"$T/err"; then ok; else bad "$name (exit $?)"; sed 's/^/  | /' "$T/err" | head -5 >&2; fi; }
# check_status NAME STATUS COMMAND...: the command must exit with STATUS
check_status() { name=$1; want=$2; shift 2; "$@" >"$T/out" 2>"$T/err"; got=$?; [ "$got" = "$want" ] && ok || { bad "$name: exit $got, want $want"; sed 's/^/  | /' "$T/err" | head -5 >&2; }; }
has()  { grep -q -- "$2" "$1" && ok || bad "$3: '$2' not in $(basename "$1")"; }
hasnt() { grep -q -- "$2" "$1" && bad "$3: '$2' in $(basename "$1")" || ok; }
jq_py() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# ---- help and usage
check "help" "$R" --help
has "$T/out" "commands:" "help"
for c in extract ingest export search show stance check; do
    check "$c --help" "$R" $c --help
    has "$T/out" "usage: recoupe" "$c --help"
done
check_status "unknown command" 2 "$R" frobnicate
has "$T/err" "unknown command" "unknown command"
check_status "unknown option" 2 "$R" extract --nope x

# ---- stance: one output line per usable input line, in order; bad lines
# named FILE:LINE on stderr, the others still decided, exit status 1
printf '%s\n' '{"id":"s1","claim":"Giant crab photographed off Kent","text":"The photograph of the giant crab off Kent is a hoax. It was doctored.","lang":"en"}' \
    '{"id":"s2",' \
    '' \
    '{"id":"s3","text":"no claim here"}' \
    '{"id":7,"claim":"Le maire a démenti","text":"","lang":"fr"}' \
    '{"id":"s5","claim":"Volcano erupts in Iceland","text":"A volcano erupted in Iceland on Friday, officials said."}' >"$T/stance.jsonl"
check_status "stance with bad lines" 1 "$R" stance "$T/stance.jsonl"
[ "$(wc -l <"$T/out")" = 4 ] && ok || bad "stance: 4 output lines (one per line with an id)"
[ "$(sed -n 1p "$T/out")" = '{"id":"s1","stance":"against"}' ] && ok || bad "stance: s1 against, first"
has "$T/out" '{"id":"s3","stance":null,"error":' "stance: s3 error line"
[ "$(sed -n 3p "$T/out")" = '{"id":7,"stance":"unrelated"}' ] && ok || bad "stance: empty text unrelated, integer id kept"
[ "$(sed -n 4p "$T/out")" = '{"id":"s5","stance":"for"}' ] && ok || bad "stance: s5 for, last"
has "$T/err" 'stance.jsonl:2: not valid JSON' "stance: bad JSON named with its line"
has "$T/err" 'stance.jsonl:4: no "claim"' "stance: missing claim named with its line"
sed -n 1p "$T/stance.jsonl" | "$R" stance --explain >"$T/out" 2>"$T/err" && ok || bad "stance from stdin"
has "$T/out" '"explain":{"relevance":' "stance --explain"
check_status "stance missing file" 2 "$R" stance "$T/nope.jsonl"
check_status "stance two files" 2 "$R" stance "$T/stance.jsonl" "$T/stance.jsonl"

# ---- extract: HTML, text, raw, JSONL
cat >"$T/p.html" <<'HTML'
<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Crue historique à Lunel - Le Courrier</title>
<meta property="og:site_name" content="Le Courrier"></head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/sport">Sport</a></nav>
<article><h1>Crue historique à Lunel</h1>
<p>Les pompiers ont évacué plus de deux cents habitants dans la nuit de dimanche à lundi, a indiqué la préfecture.</p>
<p>« Nous n'avions jamais vu une telle montée des eaux », a déclaré le maire de la commune à la presse locale.</p>
<p>La décrue est attendue pour la fin de la semaine selon les services de l'État, qui restent mobilisés.</p>
</article><footer>Mentions légales</footer></body></html>
HTML
check "extract html" "$R" extract "$T/p.html"
has "$T/out" '"lang":"fr"' "extract html lang"
has "$T/out" 'Les pompiers ont évacué' "extract html text"
hasnt "$T/out" 'Mentions légales' "extract html footer"
hasnt "$T/out" 'Accueil' "extract html nav"
python3 -c "import json,sys; json.loads(open(sys.argv[1]).read())" "$T/out" && ok || bad "extract output is one JSON object"

printf 'The minister said on Monday that the talks would resume. Mr. Smith agreed.' >"$T/raw.txt"
check "extract raw" "$R" extract --raw "$T/raw.txt"
python3 -c "
import json,sys
o=json.loads(open(sys.argv[1]).read()); t=open(sys.argv[2]).read()
sys.exit(0 if o['text']==t and o['lang']=='en' else 1)" "$T/out" "$T/raw.txt" && ok || bad "raw text kept byte-identical"

printf '%s\n' '{"id":"a","html":"<html><body><article><p>Le gouvernement a annoncé lundi une réforme des retraites très contestée par les syndicats.</p></article></body></html>","url":"https://ex.fr/2025/03/03/a.html"}' \
    '{"id":"b","text":"The storm hit the coast on Tuesday night, cutting power to thousands of homes.","lang":"en","published":"2025-03-04"}' \
    '{"id":"c"}' >"$T/in.jsonl"
check_status "extract jsonl with one bad line" 1 "$R" extract --jsonl "$T/in.jsonl"
[ "$(wc -l <"$T/out")" = 2 ] && ok || bad "extract jsonl: 2 lines out"
has "$T/out" '"id":"a"' "jsonl id a"
has "$T/out" '"published":"2025-03-04"' "jsonl published from input"
has "$T/err" 'in.jsonl:3' "jsonl error names file and line"

# ---- bad inputs: each named, the others still processed, exit status 1
: >"$T/empty.txt"
head -c 4096 /dev/urandom >"$T/binary.html"
printf 'Caf\351 cr\350me: invalid \377 UTF-8 bytes in a text file about the weather.' >"$T/invalid.txt"
python3 -c "
import sys
w='lorem ipsum dolor sit amet consectetur '.encode()
with open(sys.argv[1],'wb') as f:
    for i in range(50*1024*1024//len(w)+1): f.write(w)" "$T/huge.txt"
check_status "bad inputs" 1 "$R" extract "$T/empty.txt" "$T/binary.html" "$T/invalid.txt" "$T/huge.txt" "$T/p.html" "$T/missing.html"
has "$T/err" "empty.txt: empty" "empty file named"
has "$T/err" "binary.html: binary" "binary file named"
has "$T/err" "missing.html" "missing file named"
hasnt "$T/err" "invalid.txt" "invalid UTF-8 is not an error"
has "$T/out" 'Caf\\u00e9\|Café' "latin-1 bytes decoded"
has "$T/out" 'Crue historique' "good file after bad ones still processed"
[ "$(grep -c '"id"' "$T/out")" = 5 ] && ok || bad "one output line per readable input"
check_status "size limit" 1 "$R" extract --max-size 1000000 "$T/huge.txt"
has "$T/err" "over the limit" "size limit message"

# ---- ingest, re-ingest, copies, export, search, show
DB="$T/t.db"
mkdir -p "$T/c/x"
cp "$T/p.html" "$T/c/one.html"
cp "$T/p.html" "$T/c/x/two.html"
printf 'Storm warning for the coast: the weather service expects gusts of 120 km/h on Tuesday night.\n' >"$T/c/three.txt"
check "ingest" "$R" --db "$DB" ingest "$T/c"
has "$T/err" "3 new" "ingest summary"
check "export" "$R" --db "$DB" export
cp "$T/out" "$T/export1.json"
[ "$(jq_py "$T/export1.json" "len(d['docs'])")" = 3 ] && ok || bad "export has 3 docs"
[ "$(jq_py "$T/export1.json" "[x['copy_of'] for x in d['docs'] if x['id'].endswith('two.html')][0].endswith('one.html')")" = True ] && ok || bad "identical text: later doc is copy_of the earlier"
[ "$(jq_py "$T/export1.json" "d['copies'][0]['kind']")" = duplicate ] && ok || bad "copies lists the duplicate"
check "re-ingest" "$R" --db "$DB" ingest "$T/c"
has "$T/err" "3 unchanged" "re-ingest changes nothing"
check "export again" "$R" --db "$DB" export
cmp -s "$T/out" "$T/export1.json" && ok || bad "export identical after re-ingest"
RECOUPE_DB="$DB" "$R" search pompiers >"$T/out" 2>"$T/err" && ok || bad "search via RECOUPE_DB"
has "$T/out" "Crue historique" "search finds title"
has "$T/out" "\[pompiers\]" "search snippet marks the match"
check "search accents folded" "$R" --db "$DB" search evacue
has "$T/out" "Crue historique" "search without accents"
check "search json" "$R" --db "$DB" search --json storm
has "$T/out" '"snippet"' "search json"
check "show" "$R" --db "$DB" show "$T/c/three.txt"
has "$T/out" "gusts of 120 km/h" "show text"
check_status "show missing" 1 "$R" --db "$DB" show nope

# ---- the demo corpus ingested twice: nothing changes (docs, copies, stories, entities)
if [ -d examples/corpus ]; then
    "$R" --db "$T/demo.db" ingest examples/corpus >/dev/null 2>&1
    "$R" --db "$T/demo.db" export >"$T/demo1.json" 2>/dev/null
    "$R" --db "$T/demo.db" ingest examples/corpus >/dev/null 2>"$T/err"
    has "$T/err" " 0 new, 0 updated, 35 unchanged" "demo re-ingest: all unchanged"
    "$R" --db "$T/demo.db" export >"$T/demo2.json" 2>/dev/null
    cmp -s "$T/demo1.json" "$T/demo2.json" && ok || bad "demo re-ingest changed the export"
fi

# ---- WARC and feeds end to end: documents, skips said, the page wins, hostile feeds refused
"$R" --db "$T/in.db" ingest tests/fixtures/warc/news.warc.gz 2>"$T/err" && ok || bad "ingest of a WARC file failed"
grep -q "ingested 2 documents.*4 skipped" "$T/err" && ok || bad "WARC ingest: 2 documents and 4 skipped records expected: $(tail -1 "$T/err")"
grep -q "skipped 1 (responses that are not HTML)" "$T/err" && ok || bad "WARC skips are not said per reason"
"$R" --db "$T/in.db" ingest tests/fixtures/warc/news.warc.gz 2>"$T/err" && ok || bad "WARC re-ingest failed"
grep -q "0 new, 0 updated, 2 unchanged" "$T/err" && ok || bad "WARC re-ingest changed something: $(tail -1 "$T/err")"
"$R" --db "$T/in.db" export >"$T/in.json" 2>/dev/null
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))['docs']
ok = len(d) == 2 and all(x['id'].startswith('urn:uuid:') and x['url'].startswith('https://') for x in d)
sys.exit(0 if ok else 1)" "$T/in.json" && ok || bad "WARC documents: ids are WARC-Record-IDs, urls the target URIs"
"$R" --db "$T/in.db" ingest tests/fixtures/feeds/page-wins 2>"$T/err" && ok || bad "ingest of feeds and pages failed"
grep -q "ingested 4 documents.*3 skipped" "$T/err" && ok || bad "feeds: a saved page should win over its item: $(tail -1 "$T/err")"
"$R" --db "$T/in.db" ingest tests/fixtures/feeds/xxe.rss 2>"$T/err"; [ $? = 1 ] && ok || bad "a feed declaring entities should be an input error"
grep -q "refused" "$T/err" && ok || bad "the XXE feed is not said to be refused"

# ---- quotes and timelines of the demo corpus
if [ -d examples/corpus ]; then
    D="$T/facts.db"
    "$R" --db "$D" ingest examples/corpus >/dev/null 2>&1
    for c in quotes timeline; do
        check "$c --help" "$R" $c --help
        has "$T/out" "usage: recoupe" "$c --help"
        check "help $c" "$R" help $c
        has "$T/out" "usage: recoupe .*$c" "help $c"
    done
    check "help lists quotes" "$R" --help
    has "$T/out" "quotes " "help lists quotes"
    has "$T/out" "timeline " "help lists timeline"
    # a speaker across spellings: Ilya (English) and Ilia (French) Vorontsov
    check "quotes --speaker" "$R" --db "$D" quotes --speaker Vorontsov
    has "$T/out" "^Ilya Vorontsov — «" "quotes: English spelling"
    has "$T/out" "^Ilia Vorontsov — «" "quotes: French spelling"
    has "$T/out" "(examples/corpus/courrier/2025-04-14-pourparlers-secrets.html, 2025-04-14)" "quotes: doc and date"
    hasnt "$T/out" "Petrenko" "quotes: only that speaker"
    cp "$T/out" "$T/q-vorontsov"
    for q in "Ilya Vorontsov" "Ilia Vorontsov" "Vorontsow" "M. Vorontsov" "le porte-parole Vorontsov"; do
        "$R" --db "$D" quotes --speaker "$q" >"$T/out" 2>"$T/err"
        cmp -s "$T/out" "$T/q-vorontsov" && ok || bad "quotes --speaker '$q' differs from --speaker Vorontsov"
    done
    # a full name is not its namesake: Oleksandr (Olexandr) Kovalenko, not Andriy
    check "quotes --json" "$R" --db "$D" quotes --json --speaker "Oleksandr Kovalenko"
    python3 -c "
import json,sys
q=[json.loads(l) for l in open(sys.argv[1])]
sp={x['speaker'] for x in q}; docs={x['doc'] for x in q}
ok=len(q)>=3 and 'Olexandr Kovalenko' in sp and 'Oleksandr Kovalenko' in sp and not any('Andriy' in s for s in sp) \
   and 'examples/corpus/depeche/2025-04-16-kiev-renseignement.html' in docs \
   and all(set(x)=={'doc','published','story','text','direct','speaker','entity','cue'} for x in q)
sys.exit(0 if ok else 1)" "$T/out" && ok || bad "quotes --json --speaker 'Oleksandr Kovalenko'"
    check "quotes --limit" "$R" --db "$D" quotes --limit 3
    [ "$(wc -l <"$T/out")" = 3 ] && ok || bad "quotes --limit 3 gives 3 lines"
    check "quotes unknown speaker" "$R" --db "$D" quotes --speaker "Nobody Atall"
    has "$T/err" "no quote by Nobody Atall" "quotes: none found"
    check_status "quotes unknown story" 1 "$R" --db "$D" quotes --story s999
    has "$T/err" 'no story "s999"' "quotes: unknown story named"
    check_status "quotes bad limit" 2 "$R" --db "$D" quotes --limit 0
    # the timeline of the spy-talks story: dated events in calendar order
    "$R" --db "$D" export >"$T/facts.json" 2>/dev/null
    S=$(jq_py "$T/facts.json" "[x['story'] for x in d['docs'] if x['id'].endswith('courrier/2025-04-14-pourparlers-secrets.html')][0]")
    check "timeline" "$R" --db "$D" timeline "$S"
    has "$T/out" "^2025-04-08  " "timeline: the day of the meeting"
    has "$T/out" "^2025-04-14  " "timeline: the day the Kremlin confirmed"
    has "$T/out" "independent: examples/corpus/" "timeline: sources listed"
    check "timeline --json" "$R" --db "$D" timeline --json "$S"
    python3 -c "
import json,sys,datetime as dt
ev=[json.loads(l) for l in open(sys.argv[1])]
def span(v):
    y=int(v[:4]); r=v[5:]
    if not r: return dt.date(y,1,1),366
    if r[0]=='W': d=dt.date.fromisocalendar(y,int(r[1:]),1); return d,7
    if r[0]=='Q': q=int(r[1]); return dt.date(y,3*q-2,1),92
    if r in ('SP','SU','FA','WI'): return dt.date(y,{'SP':3,'SU':6,'FA':9,'WI':12}[r],1),92
    if len(r)==2: return dt.date(y,int(r),1),31
    return dt.date(y,int(r[:2]),int(r[3:5])),1
keys=[span(e['date']) for e in ev]
ordered=all(keys[i]<=keys[i+1] for i in range(len(keys)-1))
day=[e for e in ev if e['date']=='2025-04-08']
courrier='examples/corpus/courrier/2025-04-14-pourparlers-secrets.html'
copy='examples/corpus/scraped/infoflash24-2025-04-15-pourparlers-secrets.txt'
both=[e for e in ev if courrier in e['sources'] and copy in e['sources']]
ok=len(ev)>=5 and ordered and day and any(courrier in e['sources'] for e in day) \
   and all(e['sources'] and 1<=e['independent_sources']<=len(e['sources']) and e['text'] for e in ev) \
   and both and all(e['independent_sources']<len(e['sources']) for e in both) \
   and all(e['type'] in ('day','week','month','quarter','season','year') for e in ev)
sys.exit(0 if ok else 1)" "$T/out" && ok || bad "timeline --json: ordered events, copies under their original"
    python3 -c "
import json,sys
d=json.load(open(sys.argv[1])); tl=[s['timeline'] for s in d['stories'] if s['id']==sys.argv[3]][0]
ev=[json.loads(l) for l in open(sys.argv[2])]
ok=tl==ev and all('timeline' in s for s in d['stories']) and len(d['quotes'])>0 \
   and all(set(q)=={'doc','text','direct','speaker','entity','cue'} for q in d['quotes'])
sys.exit(0 if ok else 1)" "$T/facts.json" "$T/out" "$S" && ok || bad "export: the story's timeline, the quotes"
    check_status "timeline unknown story" 1 "$R" --db "$D" timeline s999
    has "$T/err" 'no story "s999"' "timeline: unknown story named"
    check_status "timeline bad story id" 1 "$R" --db "$D" timeline story-one
    check_status "timeline without story" 2 "$R" --db "$D" timeline
    # stories: the 5 of the demo corpus, the largest (the spy talks) with 10 documents
    for c in stories story; do
        check "$c --help" "$R" $c --help
        has "$T/out" "usage: recoupe .*$c" "$c --help"
    done
    check "stories --order largest" "$R" --db "$D" stories --order largest
    [ "$(wc -l <"$T/out")" = 5 ] && ok || bad "stories: 5 stories in the demo corpus"
    has "$T/out" "^s[0-9]* *10 docs " "stories: the largest has 10 documents"
    [ "$(head -1 "$T/out" | awk '{print $2}')" = 10 ] && ok || bad "stories --order largest: 10 documents first"
    check "stories --json --limit" "$R" --db "$D" stories --json --limit 2 --order largest
    python3 -c "
import json,sys
r=[json.loads(l) for l in open(sys.argv[1])]
d=json.load(open(sys.argv[2])); n={s['id']:len(s['docs']) for s in d['stories']}
ok=len(r)==2 and r[0]['n_docs']==10 and r[0]['n_docs']>=r[1]['n_docs'] \
   and all(n[x['id']]==x['n_docs'] for x in r) and set(r[0]['langs'])=={'en','fr'} and r[0]['n_copies']>=1
sys.exit(0 if ok else 1)" "$T/out" "$T/facts.json" && ok || bad "stories --json: the export's stories, largest first"
    check_status "stories bad order" 2 "$R" --db "$D" stories --order oldest
    check_status "stories bad limit" 2 "$R" --db "$D" stories --limit 0
    # the story of the wire's Kremlin dispatch: its documents and its timeline
    K=$(jq_py "$T/facts.json" "[x['story'] for x in d['docs'] if x['id'].endswith('wire/2025-04-14-kremlin-confirms-contacts.html')][0]")
    check "story" "$R" --db "$D" story "$K"
    has "$T/out" "^$K  " "story: id and title"
    has "$T/out" "examples/corpus/wire/2025-04-14-kremlin-confirms-contacts.html" "story: its documents"
    has "$T/out" "Northern Wire Service" "story: a document's site"
    has "$T/out" "copy of examples/corpus/" "story: copy relations"
    has "$T/out" "^timeline:" "story: timeline"
    has "$T/out" "^  2025-04-08  " "story: the day of the meeting"
    has "$T/out" "^  Il[iy]a Vorontsov" "story: quotes grouped by speaker (one group, either spelling)"
    has "$T/out" "^claims:" "story: claims"
    has "$T/out" "^      [0-9]* sources, [0-9]* independent; first: " "story: a claim's sources, independent ones, the first"
    check "story --json" "$R" --db "$D" story --json "$K"
    python3 -c "
import json,sys
o=json.load(open(sys.argv[1])); d=json.load(open(sys.argv[2])); s=[x for x in d['stories'] if x['id']==sys.argv[3]][0]
docs={x['id']:x for x in d['docs']}
ok=o['id']==s['id'] and o['merged_from'] is None and sorted(x['id'] for x in o['docs'])==sorted(s['docs']) \
   and o['timeline']==s['timeline'] and o['n_docs']==len(s['docs']) \
   and all(x['copy_of']==docs[x['id']]['copy_of'] and x['site']==docs[x['id']]['site'] for x in o['docs']) \
   and o['quotes'] and all(q['doc'] in s['docs'] for q in o['quotes']) \
   and o['claims'] and o['claims']==[c for c in d['claims'] if c['story']==s['id']]
sys.exit(0 if ok else 1)" "$T/out" "$T/facts.json" "$K" && ok || bad "story --json: the export's story, docs, timeline, quotes and claims"
    check_status "story unknown id" 1 "$R" --db "$D" story s999
    has "$T/err" 'no story "s999"' "story: unknown story named"
    check_status "story bad id" 1 "$R" --db "$D" story story-one
    check_status "story without id" 2 "$R" --db "$D" story
fi

# ---- golden extract output of the demo corpus
if [ -d examples/corpus ] && [ -f tests/golden/extract-corpus.jsonl ]; then
    "$R" extract examples/corpus >"$T/golden.jsonl" 2>"$T/err"
    if cmp -s "$T/golden.jsonl" tests/golden/extract-corpus.jsonl; then ok; else
        bad "golden: extract of examples/corpus differs from tests/golden/extract-corpus.jsonl (make golden to update, then review)"
        diff "$T/golden.jsonl" tests/golden/extract-corpus.jsonl | head -c 2000 >&2
    fi
    # the answer key: publication dates (scraped pages from their dateline)
    # and every dated expression with its resolved value
    if python3 tests/check_expected.py "$T/golden.jsonl" examples/corpus/expected.json --min-dates=0.95 >"$T/expected" 2>&1; then
        ok
    else
        bad "demo corpus dates against examples/corpus/expected.json: $(tail -1 "$T/expected")"
        head -20 "$T/expected" >&2
    fi
fi

# ---- the demo corpus's copies against its answer key: original, copy and kind
# (identical texts with the same date: either may be the original)
if [ -f "$T/demo1.json" ]; then
    if python3 - "$T/demo1.json" examples/corpus/expected.json >"$T/copies" 2>&1 <<'EOF'
import json, sys
got = {(c["a"], c["b"], c["kind"]) for c in json.load(open(sys.argv[1]))["copies"]}
want = set()
for d in json.load(open(sys.argv[2]))["documents"]:
    if d.get("copy_of"):
        want.add(("examples/corpus/" + d["copy_of"], "examples/corpus/" + d["path"], d["copy_kind"]))
miss = [w for w in want if w not in got and not (w[2] == "duplicate" and (w[1], w[0], w[2]) in got)]
extra = [g for g in got if g not in want and not (g[2] == "duplicate" and (g[1], g[0], g[2]) in want)]
print("missing:", miss, "extra:", extra)
sys.exit(1 if miss or extra else 0)
EOF
    then ok; else bad "demo corpus copies against expected.json: $(head -c 600 "$T/copies")"; fi
fi

# ---- the demo corpus in the 4 stories of its answer key, the non-article page alone
if [ -f "$T/demo1.json" ]; then
    if python3 - "$T/demo1.json" examples/corpus/expected.json >"$T/stories" 2>&1 <<'EOF'
import json, sys
got = {d["id"]: d["story"] for d in json.load(open(sys.argv[1]))["docs"]}
want = {d["id"] or "examples/corpus/" + d["path"]: d["story"] or d["key"]
        for d in json.load(open(sys.argv[2]))["documents"]}
pairs = sorted({(w, str(got.get(i))) for i, w in want.items()})
print(len(set(want.values())), "expected,", len({g for _, g in pairs}), "found:", pairs)
sys.exit(len(pairs) != len(set(want.values())) or len(pairs) != len({g for _, g in pairs}))
EOF
    then ok; else bad "demo corpus stories against expected.json: $(head -c 300 "$T/stories")"; fi
fi

# ---- the demo corpus's claims: grouped across articles, chains and copies counted once
if [ -f "$T/demo1.json" ]; then
    if python3 - "$T/demo1.json" >"$T/claims" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
claims = d["claims"]
spy = {x["story"] for x in d["docs"] if x["id"].endswith("baltic/2025-04-14-spy-chiefs-abu-dhabi.html")}
ok = [c for c in claims if c["story"] in spy and len(c["sources"]) >= 3
      and c["independent_sources"] < len(c["sources"])
      and set(c) >= {"id", "text", "story", "independent_sources", "sources", "first", "contradiction"}]
ids = [c["id"] for c in claims]
print(len(claims), "claims,", len(ok), "in the spy-talks story with fewer independent sources than sources")
sys.exit(0 if claims and ok and len(ids) == len(set(ids)) else 1)
EOF
    then ok; else bad "demo corpus claims: $(head -c 300 "$T/claims")"; fi
fi

# ---- check: the articles that speak to a claim, copies counted under their original
if [ -f "$T/demo.db" ]; then
    check "check" "$R" --db "$T/demo.db" check "the spy chiefs met in Abu Dhabi"
    has "$T/out" "^for [0-9]* ([0-9]* independent), against [0-9]* ([0-9]* independent), observing" "check: totals line"
    has "$T/out" "examples/corpus/baltic/2025-04-14-spy-chiefs-abu-dhabi.html" "check: the Baltic Courier article"
    hasnt "$T/out" "^unrelated" "check: unrelated articles left out"
    check "check --json" "$R" --db "$T/demo.db" check --json --limit 50 "the spy chiefs met in Abu Dhabi"
    if python3 - "$T/out" >"$T/check" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
t, arts = d["totals"], d["articles"]
n = {k: sum(a["stance"] == k for a in arts) for k in ("for", "against", "observing")}
ind = {k: len({a["original"] for a in arts if a["stance"] == k}) for k in n}
print(t)
sys.exit(not (d["claim"] == "the spy chiefs met in Abu Dhabi" and len(arts) >= 3
              and t["for"] >= 1 and t["articles"] == len(arts)
              and t["independent"] < t["articles"]
              and all(t[k] == n[k] and t["independent_" + k] == ind[k] for k in n)
              and any(a["claim_status"] for a in arts)
              and all(a["stance"] in n and a["id"] and a["original"] for a in arts)))
EOF
    then ok; else bad "check --json on the demo corpus: $(head -c 300 "$T/check")"; fi
    check "check --limit 1" "$R" --db "$T/demo.db" check --json --limit 1 "the spy chiefs met in Abu Dhabi"
    [ "$(jq_py "$T/out" 'len(d["articles"])')" -le 1 ] && ok || bad "check --limit 1: at most one article"
    check "check, nothing matches" "$R" --db "$T/demo.db" check "zzyzx qwxv"
    has "$T/out" "^for 0 (0 independent), against 0 (0 independent), observing 0 (0 independent)$" "check: zero totals"
    has "$T/err" "no stored article speaks to" "check: nothing found said"
    check_status "check empty claim" 2 "$R" --db "$T/demo.db" check ""
    has "$T/err" "no claim given" "check: empty claim"
    check_status "check claim without words" 2 "$R" --db "$T/demo.db" check '"() *'
    check_status "check bad --lang" 2 "$R" --db "$T/demo.db" check --lang de "x"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
