// readability-bench.mjs -- Mozilla Readability (on linkedom's DOM) timed on
// the same pages as build/bench_extract, for bench/run.sh.
//
//     node --single-threaded bench/peers/readability-bench.mjs [-n ITER] [-w WARM] FILE...
//
// For each page: ITER rounds, each timing one bare linkedom parse
// (parseHTML, the DOM Readability needs) and one whole extraction (UTF-8
// decoding of the bytes, parseHTML, new Readability(document).parse()),
// interleaved like bench_extract; the minimum of each over the rounds is
// kept.  Before that, WARM rounds over all pages (untimed) let the JIT settle.
// Prints per page: bytes, parse ms, extraction ms, their ratio and the
// length of the text Readability found; then the totals and pages per
// second, in the shape of bench_extract's closing line.  Time is the CPU
// time of the process (process.cpuUsage, user + system): run it with
// node --single-threaded so that V8 does no work on other threads (GC,
// compilation) that this would count or, worse, miss on a wall clock.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

function usage() {
    process.stderr.write('usage: readability-bench.mjs [-n ITER] [-w WARM] FILE...\n');
    process.exit(2);
}

let iter = 20, warm = 3;
const args = process.argv.slice(2);
while (args.length && args[0].startsWith('-')) {
    const opt = args.shift();
    const v = Number(args.shift());
    if (!Number.isInteger(v) || v < 0) usage();
    if (opt === '-n') iter = v;
    else if (opt === '-w') warm = v;
    else usage();
}
if (!args.length || iter <= 0) usage();

function cpu() {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6; // seconds
}

const utf8 = new TextDecoder('utf-8');

function parseOnly(bytes) {
    const { document } = parseHTML(utf8.decode(bytes));
    return document;
}

function extract(bytes) {
    const { document } = parseHTML(utf8.decode(bytes));
    return new Readability(document).parse();
}

const pages = [];
for (const f of args) {
    try {
        pages.push({ name: basename(f), bytes: readFileSync(f) });
    } catch (e) {
        process.stderr.write(`readability-bench: cannot read ${f}\n`);
    }
}

// Warm-up: untimed, over every page, so that the first pages are not
// charged with the JIT's start.  A page that throws is reported and dropped.
const failed = new Set();
for (let k = 0; k < warm; k++)
    for (const p of pages) {
        if (failed.has(p)) continue;
        try {
            parseOnly(p.bytes);
            extract(p.bytes);
        } catch (e) {
            process.stderr.write(`readability-bench: ${p.name}: ${e && e.message}\n`);
            failed.add(p);
        }
    }

const pad = (s, n) => String(s).padStart(n);
const padr = (s, n) => String(s).slice(0, n).padEnd(n);
console.log(`${padr('page', 44)} ${pad('bytes', 8)} ${pad('parse_ms', 8)} ${pad('read_ms', 8)} ${pad('read/p', 6)}`);
let totParse = 0, totRead = 0, totBytes = 0, n = 0, nulls = 0;
for (const p of pages) {
    if (failed.has(p)) continue;
    let bestParse = 1e9, bestRead = 1e9, textLen = 0, ok = true;
    for (let k = 0; k < iter && ok; k++) {
        try {
            const t0 = cpu();
            parseOnly(p.bytes);
            const t1 = cpu();
            const art = extract(p.bytes);
            const t2 = cpu();
            if (t1 - t0 < bestParse) bestParse = t1 - t0;
            if (t2 - t1 < bestRead) bestRead = t2 - t1;
            textLen = art && art.textContent ? Buffer.byteLength(art.textContent) : 0;
        } catch (e) {
            process.stderr.write(`readability-bench: ${p.name}: ${e && e.message}\n`);
            ok = false;
        }
    }
    if (!ok) continue;
    if (!textLen) nulls++;
    console.log(`${padr(p.name, 44)} ${pad(p.bytes.length, 8)} ${pad((bestParse * 1e3).toFixed(3), 8)} ` +
                `${pad((bestRead * 1e3).toFixed(3), 8)} ${pad((bestRead / bestParse).toFixed(2), 6)}  (text ${textLen} bytes)`);
    totParse += bestParse;
    totRead += bestRead;
    totBytes += p.bytes.length;
    n++;
}
if (n)
    console.log(`total: ${n} pages, ${(totBytes / 1e6).toFixed(1)} MB; pages/s: linkedom parse ${(n / totParse).toFixed(1)}, ` +
                `readability ${(n / totRead).toFixed(1)}; ratio to linkedom parse: readability ${(totRead / totParse).toFixed(2)}; ` +
                `no text: ${nulls}; failed: ${args.length - n}`);
else
    process.exit(1);
