import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDoc, type Doc } from './core/doc.js';
import { contentHash } from './core/hash.js';
import { createPipeline } from './core/runner.js';
import { analyze, analyzeDoc, documentStages } from './pipeline.js';

test('analyze takes a string or bytes and returns the analysis format with the text unchanged', () => {
  const text = 'Kenya signed an agreement with Ethiopia on Wednesday.\n';
  const fromString = analyze(text, { published: '2024-11-20' });
  const fromBytes = analyze(new TextEncoder().encode(text), { published: '2024-11-20' });
  assert.equal(fromString.text, text);
  assert.deepEqual({ ...fromBytes, source: null }, { ...fromString, source: null });
  assert.equal(fromBytes.source.encoding, 'utf-8');
  assert.equal(fromString.published, '2024-11-20');
  assert.ok(fromString.times.some((t) => t.value === '2024-11-20'));
});

test('an invalid publication date is ignored with a warning, not trusted', () => {
  const a = analyze('The talks began on Monday.', { published: '2024-02-30' });
  assert.equal(a.published, null);
  assert.ok(a.diagnostics.some((d) => d.ruleId === 'ingest:bad-published' && d.actual === '2024-02-30'));
});

test('bytes that cannot be a document come back rejected with a reason', () => {
  const a = analyze(new Uint8Array([0, 1, 2, 3, 0, 0, 5]));
  assert.equal(a.rejected, true);
  assert.equal(a.events.length, 0);
  assert.ok(a.diagnostics.some((d) => d.severity === 'error' && d.ruleId.startsWith('ingest:')));
});

/** Written for this test: a headline, boilerplate, a repeated paragraph, quotes, attributions, times, money, events. */
const contractText = `Ruritania and Freedonia sign border deal after talks in Geneva

Ruritanian President Anna Kovac met Freedonian Prime Minister Rufus Firefly in Geneva on Tuesday, and the two leaders signed an agreement to reopen the border.

"This is a good day for both our peoples," Kovac told reporters. Firefly said the deal would cost $2.5 billion over three years.

Share this article

Last week, Freedonian troops fired on a Ruritanian patrol, killing two soldiers, according to the Ruritanian defence ministry. Reuters reported that Freedonia denied the claim.

Russia accused Ukraine of shelling a power plant on 3 March 2024, and the United Nations called for an investigation. About 40% of the region lost power.

Ruritanian President Anna Kovac met Freedonian Prime Minister Rufus Firefly in Geneva on Tuesday, and the two leaders signed an agreement to reopen the border.
`;

function contractDocs(): Doc[] {
  const docs = [
    createDoc(contractText, { uri: 'memory:contracts', mediaType: 'text/plain', published: '2024-05-16' }),
  ];
  const examples = new URL('../examples/', import.meta.url);
  for (const line of readFileSync(new URL('articles.jsonl', examples), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { title?: string; text: string; published?: string };
    const text = record.title ? `${record.title}\n\n${record.text}` : record.text;
    const source = { uri: 'memory:example', mediaType: 'text/plain', titleGiven: record.title !== undefined };
    docs.push(createDoc(text, record.published ? { ...source, published: record.published } : source));
  }
  const scraped = readFileSync(new URL('summit-scraped.txt', examples), 'utf8');
  docs.push(createDoc(scraped, { uri: 'memory:scraped', mediaType: 'text/plain', published: '2024-05-16' }));
  return docs;
}

test('every stage reads only the layers it declares (requires or reads), and the check changes nothing', () => {
  const checked = createPipeline(documentStages, {}, [], { reads: true });
  let events = 0;
  for (const doc of contractDocs()) {
    const plain = analyzeDoc(doc);
    const viewed = checked.run(doc);
    const runner = viewed.diagnostics.filter((d) => d.ruleId.startsWith('runner:'));
    assert.deepEqual(runner, [], `${doc.source.uri}: ${runner.map((d) => d.reason).join('; ')}`);
    assert.deepEqual(viewed, plain);
    for (const layer of ['quotes', 'attributions', 'times', 'quantities', 'events'] as const) {
      assert.ok((plain[layer]?.length ?? 0) > 0 || doc.source.uri !== 'memory:contracts', `no ${layer}`);
    }
    events += plain.events?.length ?? 0;
  }
  assert.ok(events > 5, `only ${events} events: the texts no longer exercise the events stage`);
});

test('analyze(string) uses the same door as files: blank, NUL and lone surrogates', () => {
  for (const text of ['   ', '', '\n\t ']) {
    const a = analyze(text);
    assert.equal(a.rejected, true, JSON.stringify(text));
    assert.equal(a.diagnostics.at(-1)?.ruleId, 'ingest:empty');
  }
  const nul = analyze('Putin met Xi.\u0000');
  assert.equal(nul.rejected, true);
  assert.equal(nul.diagnostics.at(-1)?.ruleId, 'ingest:binary');

  const probe = 'probe \ud800 here. Putin met Xi.';
  const a = analyze(probe);
  assert.equal(a.rejected, false);
  assert.equal(a.text.length, probe.length);
  assert.equal(a.text, 'probe \ufffd here. Putin met Xi.');
  assert.equal(a.id, contentHash(a.text));
  assert.ok(a.diagnostics.some((d) => d.ruleId === 'ingest:lone-surrogate' && d.start === 6));
  // Every span still points at the same characters.
  for (const s of a.sentences) assert.ok(s.end <= a.text.length);
  const xi = a.entities.flatMap((e) => e.mentions).find((m) => a.text.slice(m.start, m.end) === 'Xi');
  assert.ok(xi, 'Xi is found where it is');
});

test('analyze takes UTF-16 bytes with a byte order mark', () => {
  const bytes = new Uint8Array([
    0xff,
    0xfe,
    ...Buffer.from('Kenya signed an agreement with Ethiopia.', 'utf16le'),
  ]);
  const a = analyze(bytes);
  assert.equal(a.rejected, false);
  assert.equal(a.text, 'Kenya signed an agreement with Ethiopia.');
  assert.equal(a.source.encoding, 'utf-16le');
});
