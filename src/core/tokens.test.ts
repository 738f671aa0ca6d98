import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sharedData, skipWithoutData } from '../../test/support/shared-data.js';
import { decodeBytes } from '../stages/01-ingest/index.js';
import { cleanStage } from '../stages/02-clean/index.js';
import { segmentStage } from '../stages/03-segment/index.js';
import { createPipeline } from './runner.js';
import {
  documentTokens,
  hashString,
  joinedTokens,
  NUMBER,
  PUNCT,
  sentenceJoinedTokens,
  type TokenLayer,
  TokenSet,
  tokenizeRange,
  tokenizeSentence,
  tokenizeSentences,
  WORD,
} from './tokens.js';

function kinds(layer: TokenLayer): number[] {
  return Array.from({ length: layer.count }, (_, i) => layer.kind(i));
}

function surfaces(layer: TokenLayer): string[] {
  const out: string[] = [];
  for (let i = 0; i < layer.count; i++) out.push(layer.surface(i));
  return out;
}

const words = (text: string) => surfaces(tokenizeRange(text));
const joined = (text: string) =>
  tokenizeSentence(text, 0, text.length).map((t) => text.slice(t.start, t.end));

test("apostrophes (’ and '), hyphens and dotted abbreviations are tokens of their own", () => {
  assert.deepEqual(words("Russia’s Putin's Russia-Ukraine U.S."), [
    'Russia',
    '’',
    's',
    'Putin',
    "'",
    's',
    'Russia',
    '-',
    'Ukraine',
    'U',
    '.',
    'S',
    '.',
  ]);
});

test('numbers keep inner separators between digits; letters and currency signs split off', () => {
  const layer = tokenizeRange('$1.4 1,200.5 £600m 7. 3,x');
  assert.deepEqual(surfaces(layer), ['$', '1.4', '1,200.5', '£', '600', 'm', '7', '.', '3', ',', 'x']);
  assert.deepEqual(kinds(layer), [
    PUNCT,
    NUMBER,
    NUMBER,
    PUNCT,
    NUMBER,
    WORD,
    NUMBER,
    PUNCT,
    NUMBER,
    PUNCT,
    WORD,
  ]);
});

test('a URL is split at its punctuation, with nothing lost between tokens', () => {
  const text = 'see https://www.bbc.co.uk/news?id=42 now';
  assert.deepEqual(words(text), [
    'see',
    'https',
    ':',
    '/',
    '/',
    'www',
    '.',
    'bbc',
    '.',
    'co',
    '.',
    'uk',
    '/',
    'news',
    '?',
    'id',
    '=',
    '42',
    'now',
  ]);
});

test('astral characters: a symbol is one two-unit token, a letter stays in its word', () => {
  const text = 'a 😀 b𝐀c 😀😀';
  const layer = tokenizeRange(text);
  assert.deepEqual(surfaces(layer), ['a', '😀', 'b𝐀c', '😀', '😀']);
  assert.equal(layer.kind(1), PUNCT);
  assert.equal(layer.end(1) - layer.start(1), 2);
  assert.equal(layer.kind(2), WORD);
  // A lone surrogate is a one-unit token rather than a crash or a swallowed neighbour.
  assert.deepEqual(words('x\ud800y'), ['x', '\ud800', 'y']);
});

test('lowercase forms are computed on demand, offsets are absolute; capitals are flagged', () => {
  const text = 'xx Élysée said ÉTÉ';
  const layer = tokenizeRange(text, 3, text.length);
  assert.equal(layer.count, 3);
  assert.deepEqual([layer.start(0), layer.end(0)], [3, 9]);
  assert.equal(layer.lower(0), 'élysée');
  assert.equal(layer.lower(2), 'été');
  assert.deepEqual([layer.isUpper(0), layer.isUpper(1), layer.isUpper(2)], [true, false, true]);
});

test('each token carries the hash of its lowercase form; TokenSet checks tokens by it', () => {
  const text = 'Said SAID said Élysée 1,200 ’ 😀 Ünïcode';
  const layer = tokenizeRange(text);
  for (let i = 0; i < layer.count; i++)
    assert.equal(layer.hash(i), hashString(layer.lower(i)), layer.surface(i));
  assert.equal(layer.hash(0), layer.hash(1));
  const set = new TokenSet(['said', 'élysée', '’']);
  assert.deepEqual(
    Array.from({ length: layer.count }, (_, i) => set.hasToken(layer, i)),
    [true, true, true, true, false, true, false, false],
  );
  assert.ok(layer.isChar(5, 0x2019));
  assert.ok(!layer.isChar(4, 0x31));
});

test('unusual spaces separate tokens; punctuation-like letters of other scripts do not join words', () => {
  assert.deepEqual(words('a\u2009b\u00a0c\u3000d\ufeffe'), ['a', 'b', 'c', 'd', 'e']);
  // U+060C ARABIC COMMA and U+2E3A TWO-EM DASH are punctuation, not letters.
  assert.deepEqual(words('a\u060cb\u2e3ac'), ['a', '\u060c', 'b', '\u2e3a', 'c']);
});

test('sentences own disjoint token ranges and no token crosses a sentence end', () => {
  const text = 'One two. Three-four five.';
  const layer = tokenizeSentences(text, [
    { start: 0, end: 8 },
    { start: 9, end: 25 },
  ]);
  assert.deepEqual(Array.from(layer.sentenceFirst), [0, 3, 8]);
  assert.equal(layer.sentences, 2);
  assert.deepEqual(surfaces(layer).slice(3), ['Three', '-', 'four', 'five', '.']);
  assert.equal(layer.indexAtOrAfter(14, 3, 8), 4);
  assert.equal(layer.indexAtOrAfter(99, 3, 8), 8);
  assert.throws(() => tokenizeSentences(text, [{ start: 5, end: 99 }]), /does not fit/);
  assert.throws(() => tokenizeRange(text, -1, 3), /does not fit/);
});

test('documentTokens reuses a matching layer and rebuilds a missing or stale one', () => {
  const text = 'A b. C d.';
  const sentences = [
    { start: 0, end: 4 },
    { start: 5, end: 9 },
  ];
  const layer = tokenizeSentences(text, sentences);
  assert.equal(documentTokens({ text, sentences, tokens: layer }), layer);
  const fresh = documentTokens({ text, sentences });
  assert.notEqual(fresh, layer);
  assert.deepEqual(surfaces(fresh), surfaces(layer));
  const stale = documentTokens({ text, sentences: sentences.slice(0, 1), tokens: layer });
  assert.equal(stale.count, 3);
});

test('joined tokens keep inner joiners and digit groups, like the events tokenizer', () => {
  assert.deepEqual(joined('Russia’s U.S. co-operate, didn\'t 25,000 "x".'), [
    'Russia’s',
    'U.S',
    '.',
    'co-operate',
    ',',
    "didn't",
    '25,000',
    '"',
    'x',
    '"',
    '.',
  ]);
  assert.deepEqual(joined("rebels' camp - 3,"), ['rebels', "'", 'camp', '-', '3', ',']);
  assert.deepEqual(joined('CO₂ km² x\u2009y 😀'), ['CO₂', 'km²', 'x', '\u2009', 'y', '\ud83d', '\ude00']);
});

/** Deterministic pseudo-random strings over the characters where the two tokenizers could part. */
function fuzzTexts(count: number): string[] {
  const alphabet = [
    'a',
    'Z',
    'é',
    'Ü',
    '1',
    '0',
    ',',
    '.',
    "'",
    '’',
    '-',
    ' ',
    ' ',
    '\n',
    '\t',
    '\u00a0',
    '\u2009',
    '\u3000',
    '\ufeff',
    '\u000b',
    '$',
    '£',
    '%',
    '"',
    '“',
    '²',
    '½',
    'ℓ',
    '\u0301',
    '\u060c',
    '\u2e3a',
    '😀',
    '—',
    '/',
    ':',
    'ß',
    'İ',
    '々',
    '\u200b',
  ];
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let s = '';
    const len = 1 + (next() % 24);
    for (let k = 0; k < len; k++) s += alphabet[next() % alphabet.length];
    out.push(s);
  }
  return out;
}

test('the joined view is sorted, disjoint, inside its range and lowercases its surface, on tricky generated text', () => {
  for (const text of fuzzTexts(3000)) {
    for (const [start, end] of [
      [0, text.length],
      [1, Math.max(1, text.length - 1)],
    ] as const) {
      if (start > end) continue;
      let at: number = start;
      for (const t of tokenizeSentence(text, start, end)) {
        assert.ok(t.start >= at && t.end > t.start && t.end <= end, JSON.stringify(text));
        assert.equal(t.lower, text.slice(t.start, t.end).toLowerCase(), JSON.stringify(text));
        at = t.end;
      }
    }
  }
});

const joinedWords = (text: string) =>
  tokenizeSentence(text, 0, text.length).map((t) => text.slice(t.start, t.end));

test('joined words keep inner apostrophes, dots, hyphens and digit groups; punctuation is one token each', () => {
  assert.deepEqual(joinedWords('Russia’s U.S. co-operate, didn\'t 25,000 "x".'), [
    'Russia’s',
    'U.S',
    '.',
    'co-operate',
    ',',
    "didn't",
    '25,000',
    '"',
    'x',
    '"',
    '.',
  ]);
  assert.deepEqual(joinedWords("rebels' camp - 3,"), ['rebels', "'", 'camp', '-', '3', ',']);
});

test('joined offsets are absolute; non-ASCII letters are word characters', () => {
  const text = 'xx Zürich Ūnion';
  assert.deepEqual(
    tokenizeSentence(text, 3, text.length).map((t) => [t.start, t.end, t.lower]),
    [
      [3, 9, 'zürich'],
      [10, 15, 'ūnion'],
    ],
  );
});

const bbc = sharedData('corpora/bbc-news-2225');

test('the document-wide layer gives each BBC sentence the tokens of that sentence alone', {
  skip: skipWithoutData(bbc),
}, () => {
  const pipeline = createPipeline([cleanStage, segmentStage]);
  let sentences = 0;
  for (const topic of readdirSync(bbc).sort()) {
    const dir = join(bbc, topic);
    if (!existsSync(join(dir, '001.txt'))) continue;
    // Every 25th article of each topic: about 90 articles, well over a thousand sentences.
    for (const name of readdirSync(dir)
      .sort()
      .filter((_, i) => i % 25 === 0)) {
      const source = { uri: join(dir, name), mediaType: 'text/plain' };
      const doc = pipeline.run(decodeBytes(readFileSync(join(dir, name)), source));
      const layer = doc.tokens;
      assert.ok(layer, 'segment assigns the token layer');
      for (const [i, s] of (doc.sentences ?? []).entries()) {
        assert.deepEqual(
          sentenceJoinedTokens(layer, i, s),
          tokenizeSentence(doc.text, s.start, s.end),
          `${name} sentence ${i}`,
        );
        sentences++;
      }
    }
  }
  assert.ok(sentences > 500, `only ${sentences} sentences compared`);
});

test('joinedTokens over a sub-range only reads that range', () => {
  const text = 'ab-cd ef';
  const layer = tokenizeRange(text);
  assert.deepEqual(
    joinedTokens(layer, 0, 3, 0, 5).map((t) => t.lower),
    ['ab-cd'],
  );
});

test('joined tokens can report the layer token each one starts at', () => {
  const text = 'Russia’s co-operate 😀 U.S. talks';
  const layer = tokenizeSentences(text, [{ start: 0, end: text.length }]);
  const firsts: number[] = [];
  const joined = sentenceJoinedTokens(layer, 0, { start: 0, end: text.length }, firsts);
  assert.equal(firsts.length, joined.length);
  for (const [j, t] of joined.entries()) {
    const k = firsts[j] as number;
    if (k === -1) continue;
    assert.equal(layer.start(k), t.start, `${t.lower} starts where its first layer token starts`);
  }
  assert.ok(firsts.some((k) => k >= 0));
  assert.deepEqual(sentenceJoinedTokens(layer, 0, { start: 0, end: text.length }), joined);
});
