// npm run bench — throughput of the full Tidings analysis against two baselines measured in the
// same process over the same texts: a plain regex tokenisation pass (the speed ceiling: nothing
// can analyse text faster than it can split it) and compromise's people/places/organisations
// extraction (a common JavaScript NLP baseline). Absolute times on shared machines are noisy;
// read the ratios.
//
//   npm run bench [-- --corpus DIR] [--repeat N] [--markdown] [--skip-stages] [--skip-compromise]
//                 [--pages DIR] [--page-limit N] [--skip-jsdom] [--extraction-only]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    corpus: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../shared/data/corpora/bbc-news-2225'),
    },
    repeat: { type: 'string', default: '3' },
    markdown: { type: 'boolean', default: false },
    stages: { type: 'boolean', default: true },
    'skip-stages': { type: 'boolean', default: false },
    'skip-compromise': { type: 'boolean', default: false },
    pages: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../shared/data/eval/extract/naeb/html'),
    },
    'page-limit': { type: 'string', default: '60' },
    'skip-jsdom': { type: 'boolean', default: false },
    'extraction-only': { type: 'boolean', default: false },
  },
});

/** Articles sit in one folder per category; files at the top (README, PROVENANCE) are not articles. */
function listFiles(dir, depth = 0) {
  const out = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, depth + 1));
    else if (depth > 0 && entry.name.endsWith('.txt')) out.push(path);
  }
  return out;
}

try {
  statSync(args.corpus);
} catch {
  console.log(`bench: corpus not found at ${args.corpus}; skipping (it lives in ../shared/data/corpora).`);
  process.exit(0);
}

const { checkText, decodeBytes } = await import('../dist/stages/01-ingest/index.js');
const { analyzeDoc, documentStages } = await import('../dist/pipeline.js');
const { runStage } = await import('../dist/core/runner.js');
const { tokenizeSentences } = await import('../dist/core/tokens.js');

const files = listFiles(args.corpus);
const docs = files.map((path) =>
  decodeBytes(readFileSync(path), { uri: path, mediaType: 'text/plain', published: '2005-01-01' }),
);
const texts = docs.map((d) => d.text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const repeat = Math.max(1, Number(args.repeat) || 1);

function gc() {
  if (globalThis.gc) globalThis.gc();
}

/** Runs fn over every doc `repeat` times; returns the best pass (least disturbed by noise). */
function measure(name, fn) {
  // Warm-up: one full untimed pass, so the JIT has settled and lazy tables are built before timing.
  for (let i = 0; i < texts.length; i++) fn(i);
  let best = Number.POSITIVE_INFINITY;
  let bestCpu = Number.POSITIVE_INFINITY;
  let peak = 0;
  let sink = 0;
  for (let r = 0; r < repeat; r++) {
    gc();
    const base = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (let i = 0; i < texts.length; i++) {
      sink += fn(i);
      if ((i & 63) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
    const cpu = process.cpuUsage(c0);
    best = Math.min(best, performance.now() - t0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  }
  const seconds = best / 1000;
  return {
    name,
    // CPU seconds of the best pass: on a loaded machine, closer to what one free core would take.
    cpuSeconds: bestCpu / 1000,
    docsPerSecond: texts.length / seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    peakHeapMb: Math.max(0, peak) / 1e6,
    rssMb: process.memoryUsage().rss / 1e6,
    sink,
  };
}

// --extraction-only: just the web-page table below (a quick run on a busy machine).
if (!args['extraction-only']) {
  const TOKEN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
  const rows = [];
  rows.push(measure('regex tokenisation (ceiling)', (i) => texts[i].match(TOKEN)?.length ?? 0));
  rows.push(measure('tidings full analysis', (i) => analyzeDoc(docs[i]).events?.length ?? 0));
  if (!args['skip-compromise']) {
    const nlp = (await import('compromise')).default;
    rows.push(
      measure('compromise people/places/orgs', (i) => {
        const d = nlp(texts[i]);
        return (
          d.people().out('array').length +
          d.places().out('array').length +
          d.organizations().out('array').length
        );
      }),
    );
  }

  const ceiling = rows[0].docsPerSecond;
  const tidings = rows[1].docsPerSecond;
  console.log(
    `corpus ${args.corpus}: ${texts.length} documents, ${(bytes / 1e6).toFixed(2)} MB; best of ${repeat} passes; node ${process.version}`,
  );
  const header = ['run', 'docs/s', 'MB/s', 'peak heap MB', 'vs ceiling', 'tidings is ×'];
  const table = rows.map((r) => [
    r.name,
    r.docsPerSecond.toFixed(0),
    r.mbPerSecond.toFixed(2),
    r.peakHeapMb.toFixed(1),
    (r.docsPerSecond / ceiling).toFixed(3),
    (tidings / r.docsPerSecond).toFixed(2),
  ]);
  printTable(header, table);

  // The name tagger alone, in tokens per second (features, scores, Viterbi and the document pass
  // over the token layer segment built), beside compromise's people/places/organisations from its
  // row above: the same texts, so the ratio is the ratio of their times. Tokens are counted once,
  // by the regex of the ceiling row, for both; the tagger's own layer tokens are shown too. Time is
  // CPU time of the best pass (one thread), which a loaded machine disturbs less than wall time.
  {
    const { tagNames, nameTagger } = await import('../dist/stages/04-annotate/entities/name-tagger.js');
    const segmented = docs.map((d) => analyzeDoc(d));
    const tagger = nameTagger();
    let layerTokens = 0;
    for (const d of segmented) layerTokens += d.tokens?.count ?? 0;
    const row = measure('name tagger', (i) =>
      segmented[i].tokens ? tagNames(segmented[i].tokens, tagger).length : 0,
    );
    const regexTokens = texts.reduce((n, t) => n + (t.match(TOKEN)?.length ?? 0), 0);
    console.log('');
    const c = rows.find((r) => r.name.startsWith('compromise'));
    const tokenRows = [
      [
        `Tidings name tagger (${tagger.model.header.version})`,
        (regexTokens / row.cpuSeconds).toFixed(0),
        (layerTokens / row.cpuSeconds).toFixed(0),
        c ? (c.cpuSeconds / row.cpuSeconds).toFixed(1) : '—',
      ],
    ];
    if (c)
      tokenRows.push(['compromise people/places/orgs', (regexTokens / c.cpuSeconds).toFixed(0), '—', '1.0']);
    printTable(['tagger (CPU time, one thread)', 'tokens/s', 'layer tokens/s', '× compromise'], tokenRows);
    // The loaded model's memory, in a fresh process: heap and typed arrays after loading, less before.
    const { execFileSync } = await import('node:child_process');
    const probe = `const m = () => { globalThis.gc(); const u = process.memoryUsage(); return u.heapUsed + u.arrayBuffers; };
const { nameTagger } = await import(${JSON.stringify(new URL('../dist/stages/04-annotate/entities/name-tagger.js', import.meta.url).href)});
const before = m(); const t = nameTagger(); const after = m();
console.log(((after - before) / 1e6).toFixed(1), t.model.header.features);`;
    const [mb, features] = execFileSync(
      process.execPath,
      ['--expose-gc', '--input-type=module', '-e', probe],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split(' ');
    console.log(
      `name tagger loaded: ${mb} MB (model, feature table, clusters, gazetteer; ${features} features)`,
    );
  }

  if (args.stages && !args['skip-stages']) {
    // Where the time goes: each stage timed on its own over docs that have every earlier layer.
    const prepared = docs.map((d) => d);
    const stageRows = [];
    let current = prepared;
    for (const stage of documentStages) {
      const next = new Array(current.length);
      let best = Number.POSITIVE_INFINITY;
      for (let r = 0; r < repeat; r++) {
        // A token layer of its own for each pass: what a stage derives from the layer and keeps
        // with it (parts of speech, feature state) is its cost when it is the first to ask.
        const input = current.map((d) =>
          d.tokens && d.sentences ? { ...d, tokens: tokenizeSentences(d.text, d.sentences) } : d,
        );
        const t0 = performance.now();
        for (let i = 0; i < input.length; i++) next[i] = runStage(stage, input[i], undefined);
        best = Math.min(best, performance.now() - t0);
      }
      stageRows.push([
        stage.name,
        ((best * 1000) / current.length).toFixed(1),
        (current.length / (best / 1000)).toFixed(0),
      ]);
      current = next;
    }
    console.log('');
    printTable(['stage', 'µs/doc', 'docs/s'], stageRows);
  }

  {
    // Text written to hurt: every removed-span check was once a scan from the start (1 MB of
    // boilerplate lines took minutes), and dense events once exhausted memory. Each input is timed
    // once, alone; seconds should grow with the size, and cap warnings appear past 10,000 per layer.
    const repeatTo = (unit, n) => new Array(Math.floor(n / unit.length)).fill(unit).join('');
    const MB = 1 << 20;
    const inputs = [
      ['boilerplate lines, 1 MB', repeatTo('Share\nAdvertisement\nSkip to content\n', MB)],
      ['boilerplate lines, 2 MB', repeatTo('Share\nAdvertisement\nSkip to content\n', 2 * MB)],
      [
        'one repeated sentence, 1 MB',
        repeatTo('The minister said the talks would continue next week.\n', MB),
      ],
      ['dense events, 1 MB', repeatTo('Putin met Xi. ', MB)],
      ['dense events, 10 MB', repeatTo('Putin met Xi. ', 10 * MB)],
    ];
    const longRows = [];
    for (const [name, text] of inputs) {
      gc();
      const source = { uri: 'bench:long', mediaType: 'text/plain', published: '2024-05-16' };
      const t0 = performance.now();
      const doc = analyzeDoc(checkText(text, source));
      const seconds = (performance.now() - t0) / 1000;
      const caps = doc.diagnostics.filter((d) => d.ruleId.endsWith(':cap-reached')).map((d) => d.ruleId);
      longRows.push([
        name,
        seconds.toFixed(2),
        (text.length / 1e6 / seconds).toFixed(2),
        String(doc.removed?.length ?? 0),
        String(doc.events?.length ?? 0),
        caps.join(' ') || '—',
      ]);
    }
    console.log('');
    printTable(['long input', 's', 'MB/s', 'removed', 'events', 'cap warnings'], longRows);
  }
}

// Article extraction from web pages: Tidings' extractor against @mozilla/readability over linkedom
// and over jsdom, in this process over the same pages, in pages per second of one thread. Each
// decodes nothing: all three get the same page string.
await benchExtraction();

async function benchExtraction() {
  let names;
  try {
    names = readdirSync(args.pages)
      .filter((n) => n.endsWith('.html') || n.endsWith('.html.gz'))
      .sort()
      .slice(0, Math.max(1, Number(args['page-limit']) || 100));
  } catch {
    console.log(
      `\nbench: pages not found at ${args.pages}; skipping extraction (they live in ../shared/data/eval/extract/naeb).`,
    );
    return;
  }
  const { gunzipSync } = await import('node:zlib');
  const pages = names.map((n) => {
    const raw = readFileSync(join(args.pages, n));
    return (n.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  });
  const { htmlToDoc } = await import('../dist/stages/01-ingest/index.js');
  const runs = [
    ['Tidings extraction', (html) => htmlToDoc(html, { uri: 'bench', mediaType: 'text/html' }).text.length],
  ];
  let Readability;
  try {
    ({ Readability } = await import('@mozilla/readability'));
  } catch {
    console.log(
      '\nbench: @mozilla/readability is not installed (a dev dependency); extraction baselines skipped.',
    );
  }
  if (Readability) {
    const { parseHTML } = await import('linkedom');
    runs.push([
      'Readability over linkedom',
      (html) => new Readability(parseHTML(html).document).parse()?.textContent?.length ?? 0,
    ]);
    if (!args['skip-jsdom']) {
      const { JSDOM, VirtualConsole } = await import('jsdom');
      // jsdom reports every stylesheet it cannot parse on the console; the bench does not want to hear it.
      const quiet = new VirtualConsole();
      runs.push([
        'Readability over jsdom',
        (html) =>
          new Readability(new JSDOM(html, { virtualConsole: quiet }).window.document).parse()?.textContent
            ?.length ?? 0,
      ]);
    }
  }
  const bytesOfPages = pages.reduce((n, p) => n + Buffer.byteLength(p, 'utf8'), 0);
  const results = [];
  for (const [name, fn] of runs) {
    for (const html of pages.slice(0, 10)) fn(html); // warm-up
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < repeat; r++) {
      gc();
      const before = process.cpuUsage();
      for (const html of pages) {
        try {
          fn(html);
        } catch {
          // a page a baseline cannot parse still costs what it cost
        }
      }
      const used = process.cpuUsage(before);
      best = Math.min(best, (used.user + used.system) / 1e6);
    }
    results.push({ name, pagesPerSecond: pages.length / best, mbPerSecond: bytesOfPages / 1e6 / best });
  }
  const ours = results[0].pagesPerSecond;
  console.log(
    `\npages ${args.pages}: ${pages.length} pages, ${(bytesOfPages / 1e6).toFixed(1)} MB; CPU time of one thread, best of ${repeat}`,
  );
  printTable(
    ['extractor', 'pages/s', 'MB/s', 'Tidings is ×'],
    results.map((r) => [
      r.name,
      r.pagesPerSecond.toFixed(1),
      r.mbPerSecond.toFixed(1),
      (ours / r.pagesPerSecond).toFixed(1),
    ]),
  );
}

function printTable(head, body) {
  if (args.markdown) {
    console.log(`| ${head.join(' | ')} |`);
    console.log(`|${head.map(() => '---').join('|')}|`);
    for (const row of body) console.log(`| ${row.join(' | ')} |`);
    return;
  }
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (row) =>
    row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of body) console.log(line(row));
}
