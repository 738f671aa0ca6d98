// The query half of `npm run bench:store`: builds a store of N documents (BBC articles analysed once,
// then copied: each copy's text gets a numbered last line, so a new id, and a publication day spread
// over 2000–2024) and times the API's lists on it — each query `--repeat` times, p50 and p99 in ms.
// The baseline row of each pair is the same page asked for by offset; its partner by keyset cursor.
//
//   node bench/store-queries.mjs CORPUS DB N [--repeat R]    (DB: a SQLite path or a postgres:// URL)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [corpus, db, countArg, , repeatArg] = process.argv.slice(2);
const count = Number(countArg);
const repeat = Number(repeatArg ?? 30);
const { openStore } = await import('../dist/store/index.js');
const { decodeBytes } = await import('../dist/stages/01-ingest/index.js');
const { analyzeDoc } = await import('../dist/pipeline.js');
const { toAnalysis } = await import('../dist/core/analysis.js');
const { contentHash } = await import('../dist/core/hash.js');

function listFiles(dir, depth = 0) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, depth + 1));
    else if (depth > 0 && entry.name.endsWith('.txt')) out.push(path);
  }
  return out;
}

const files = listFiles(corpus).filter((_, i) => i % 5 === 0);
const base = files.map((path) => {
  const doc = analyzeDoc(
    decodeBytes(readFileSync(path), { uri: path, mediaType: 'text/plain', published: '2005-01-01' }),
  );
  return toAnalysis(doc, contentHash(doc.text));
});

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const day = () =>
  new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 9131) * 86_400_000).toISOString().slice(0, 10);

const store = await openStore(db);
const buildStarted = performance.now();
const before = (await store.stats()).documents;
for (let i = before; i < count; i += 1000) {
  const entries = [];
  for (let k = i; k < Math.min(count, i + 1000); k++) {
    const a = base[k % base.length];
    const text = `${a.text}\n(${k})`;
    const published = day();
    entries.push({
      kind: 'document',
      analysis: {
        ...a,
        id: contentHash(text),
        text,
        published,
        source: { ...a.source, uri: `bench:${k}`, published },
      },
      createdAt: new Date(Date.UTC(2024, 0, 1) + k * 1000).toISOString(),
    });
  }
  await store.putMany(entries);
}
const buildSeconds = (performance.now() - buildStarted) / 1000;

async function time(name, run) {
  const times = [];
  await run();
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { name, p50: at(0.5), p99: at(0.99) };
}

const deep = Math.floor(count / 2);
const deepDocs = await store.listDocuments({ limit: 50, offset: deep - 50 });
const deepEvents = await store.queryEvents({ limit: 50, offset: deep - 50 });
const rows = [
  await time('documents, first page', () => store.listDocuments({ limit: 50, offset: 0 })),
  await time(`documents, page at offset ${deep}`, () => store.listDocuments({ limit: 50, offset: deep })),
  await time(`documents, the same page by cursor`, () =>
    store.listDocuments({ limit: 50, offset: 0, cursor: deepDocs.next }),
  ),
  await time('search "government"', () => store.listDocuments({ limit: 50, offset: 0, q: 'government' })),
  await time('search "blair election"', () =>
    store.listDocuments({ limit: 50, offset: 0, q: 'blair election' }),
  ),
  await time('events, first page', () => store.queryEvents({ limit: 50, offset: 0 })),
  await time(`events, page at offset ${deep}`, () => store.queryEvents({ limit: 50, offset: deep })),
  await time('events, the same page by cursor', () =>
    store.queryEvents({ limit: 50, offset: 0, cursor: deepEvents.next }),
  ),
  await time('events type=CONSULT', () => store.queryEvents({ limit: 50, offset: 0, type: 'CONSULT' })),
  await time('events actor=USA, 2010', () =>
    store.queryEvents({ limit: 50, offset: 0, actor: 'USA', from: '2010', to: '2010' }),
  ),
  await time('stats', () => store.stats()),
];
const stats = await store.stats();
await store.close();
console.log(JSON.stringify({ documents: stats.documents, events: stats.events, buildSeconds, rows }));
