import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Analysis, toAnalysis } from '../core/analysis.js';
import { createDoc, type Doc, type Entity, type NewsEvent } from '../core/doc.js';
import { documentPage, TABLE_ROWS, TEXT_WINDOW, textWindow } from './pages.js';

// A long document's page shows a window of text and a page of each table, with links to the
// rest: a 10 MB text of dense events once made a 537 MB page (issue 5).

const SENTENCE = 'Putin met Xi. ';
const COUNT = 20_000;

function denseAnalysis(): Analysis {
  const text = SENTENCE.repeat(COUNT);
  const events: NewsEvent[] = [];
  const putin: Entity = { id: 'person:vladimir-putin', name: 'Vladimir Putin', type: 'person', mentions: [] };
  for (let i = 0; i < COUNT; i++) {
    const at = i * SENTENCE.length;
    putin.mentions.push({ start: at, end: at + 5, rule: 'test:mention' });
    events.push({
      start: at,
      end: at + SENTENCE.length - 1,
      type: 'CONSULT',
      status: 'asserted',
      trigger: { start: at + 6, end: at + 9 },
      sentence: i,
      rule: 'test:consult',
    });
  }
  const doc: Doc = {
    ...createDoc(text, { uri: 'memory:dense', mediaType: 'text/plain' }),
    removed: [],
    paragraphs: [{ start: 0, end: text.length - 1 }],
    sentences: events.map((e) => ({ start: e.start, end: e.end, paragraph: 0 })),
    entities: [putin],
    quotes: [],
    attributions: [],
    times: [],
    quantities: [],
    events,
  };
  return toAnalysis(doc, 'a'.repeat(64));
}

const analysis = denseAnalysis();
const rows = (page: string) => page.match(/<tr data-target="ev-\d+">/g)?.length ?? 0;

test('the page of a long document holds one window of text and one page of each table', () => {
  const page = documentPage(analysis);
  // The whole of it would be 280,000 characters of text with 40,000 highlights and 20,000 rows.
  assert.ok(page.length < 1_500_000, `${page.length} characters`);
  assert.equal(rows(page), TABLE_ROWS);
  assert.match(page, /characters 1–\d+ of 280000/);
  assert.match(page, /<span>1–200 of 20000<\/span>/);
  assert.ok(page.includes(`href="/documents/${analysis.id}?events=200#events">next →</a>`));
  const next = /href="\/documents\/a+\?at=(\d+)#text">next →/.exec(page);
  assert.ok(next, 'a link to the next window of text');
  assert.ok(Number(next[1]) >= TEXT_WINDOW && Number(next[1]) < TEXT_WINDOW + 1000);
});

test('the next window and the next table page show what follows', () => {
  const second = textWindow(analysis.text, TEXT_WINDOW);
  const page = documentPage(analysis, { at: second.start, events: 200 });
  assert.equal(rows(page), TABLE_ROWS);
  assert.match(page, /<tr data-target="ev-200">/);
  assert.doesNotMatch(page, /<tr data-target="ev-199">/);
  assert.match(page, new RegExp(`characters ${second.start + 1}–${second.end} of 280000`));
  // The triggers of this window are anchored here; a row whose trigger is elsewhere links to its window.
  const inWindow = Math.ceil((second.start - 6) / SENTENCE.length);
  assert.match(page, new RegExp(`<span class="trigger"[^>]*id="ev-${inWindow}">met</span>`));
  assert.match(page, /<td><a href="\/documents\/a+\?events=200#ev-200">CONSULT<\/a>/);
});

test('an event given by index opens its window and its page of the events table', () => {
  const page = documentPage(analysis, { event: 15_000 });
  assert.match(page, /<tr data-target="ev-15000">/);
  assert.match(page, /<span class="trigger"[^>]*id="ev-15000">met<\/span>/);
});

test('text windows cover the text without gaps, each starting after a space', () => {
  let at = 0;
  const text = analysis.text;
  while (at < text.length) {
    const w = textWindow(text, at);
    assert.equal(w.start, at);
    assert.ok(w.end > w.start && w.end - w.start <= TEXT_WINDOW + 1000);
    if (w.end < text.length) assert.equal(text.charAt(w.end - 1), ' ');
    assert.deepEqual(textWindow(text, w.end - 1), w, 'the last offset belongs to the same window');
    at = w.end;
  }
  assert.deepEqual(textWindow('', 0), { start: 0, end: 0 });
  assert.deepEqual(textWindow('short', 3), { start: 0, end: 5 });
});
