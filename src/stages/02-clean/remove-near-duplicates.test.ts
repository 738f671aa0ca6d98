import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import stopwordData from '../../rules/clean/stopwords.json' with { type: 'json' };
import { findRemoved } from './clean.js';
import { contentWords } from './remove-near-duplicates.js';

const near = (text: string, titleGiven = true) =>
  findRemoved(text, titleGiven)
    .filter((r) => r.rule.startsWith('clean:near-duplicate'))
    .map((r) => ({ text: text.slice(r.start, r.end), rule: r.rule, reason: r.reason, of: r.duplicateOf }));

const first =
  'The harbour authority reopened the northern shipping lane on Friday after divers cleared the wreck of a grain barge that sank in the storm.';

test('a later sentence restating an earlier one with small edits is removed, pointing at it', () => {
  const restated =
    'This is also after divers cleared the wreck of the grain barge which sank in the storm, and the authority reopened the northern lane.';
  const text = `Lane reopens\n${first}\nShips queued for two days outside the port.\n${restated}\nPrices for grain fell.`;
  assert.deepEqual(near(text), [
    {
      text: restated,
      rule: 'clean:near-duplicate-sentence',
      reason: 'duplicate-sentence',
      of: text.indexOf(first),
    },
  ]);
});

test('the same words in another order, a sentence that adds news, and a short one stay', () => {
  const fixtures =
    'Germany v Austria; Poland v Hungary; Denmark v Norway; Sweden v Finland; Italy v Spain; Greece v Turkey.';
  const rearranged =
    'Austria v Poland; Hungary v Denmark; Norway v Sweden; Finland v Italy; Spain v Greece; Turkey v Germany.';
  const adds = `${first.slice(0, -1)}, and the port's second crane was repaired by engineers from Rotterdam.`;
  const short = 'Divers cleared the wreck of the barge.';
  const text = `Results\n${fixtures}\n${rearranged}\n${first}\n${adds}\n${short}`;
  assert.deepEqual(near(text), []);
});

test('a near-duplicate paragraph is removed whole', () => {
  const para =
    'The mayor said the bridge would close for repairs in March and reopen before the summer holidays. ' +
    'Traffic will be sent through the old town, where residents have complained about noise for years.';
  const again =
    'The mayor said that the bridge would close for repairs in March, reopening before the summer holidays! ' +
    'Traffic will then be sent through the old town, where the residents have complained about the noise for years.';
  const text = `Bridge to close\n\n${para}\n\nThe council meets on Tuesday.\n\n${again}`;
  const found = near(text);
  assert.equal(found.length, 1);
  assert.equal(found[0]?.text, again);
  assert.equal(found[0]?.rule, 'clean:near-duplicate-paragraph');
  assert.equal(found[0]?.reason, 'duplicate-paragraph');
  assert.equal(found[0]?.of, text.indexOf(para));
});

test('the headline is never removed nor a kept copy; exact repeats stay exact', () => {
  const headline =
    'Harbour authority reopens the northern shipping lane after divers clear the wreck of a sunken grain barge';
  const text = `${headline}\n${first}\n${first}`;
  const removed = findRemoved(text, true).map((r) => r.rule);
  assert.deepEqual(removed, ['clean:duplicate-sentence']);
});

test('a sentence that changes a figure states another fact and stays', () => {
  const lines = Array.from(
    { length: 6 },
    (_, i) =>
      `On Monday the harbour authority paid ${i + 1} million euros to salvage divers for clearing the northern shipping lane.`,
  );
  assert.deepEqual(near(`Salvage costs\n${lines.join('\n')}`), []);
  const same = `Salvage costs\n${lines[0]}\nPrices fell.\nThe harbour authority on Monday paid 1 million euros to the salvage divers for clearing the northern lane.`;
  assert.equal(near(same).length, 1);
});

const SEED = new URL('../../../../shared/data/seed/cautious-stimulus.txt', import.meta.url);

test('the seed: the sentence repeated with small edits is removed, pointing at its twin', {
  skip: !existsSync(SEED) && 'no ../shared/data',
}, () => {
  const text = readFileSync(SEED, 'utf8');
  const found = near(text, false);
  assert.equal(found.length, 1);
  assert.ok(
    found[0]?.text.startsWith(
      'This is the also latest sign of the deepening relations between Beijing and Moscow',
    ),
  );
  assert.equal(found[0]?.of, text.indexOf('Russian President Vladimir Putin arrived in China'));
});

test('the content-word scan finds what the Unicode word pattern finds in the lowercased text, ids and order included', () => {
  // The pattern the scan stands in for, as the stage used it before: lowercase the span, match.
  const pattern = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
  const stopwords = new Set(stopwordData.words);
  const reference = (text: string, start: number, end: number, ids: Map<string, number>) => {
    const words = new Set<number>();
    const numbers = new Set<number>();
    for (const m of text.slice(start, end).toLowerCase().matchAll(pattern)) {
      const word = m[0].replace(/’/g, "'");
      const number = /\d/.test(word);
      if ((word.length < 2 && !number) || stopwords.has(word)) continue;
      let id = ids.get(word);
      if (id === undefined) {
        id = ids.size;
        ids.set(word, id);
      }
      words.add(id);
      if (number) numbers.add(id);
    }
    return { words: [...words], numbers: [...numbers] };
  };
  const pieces = [
    'The',
    'Minister',
    "didn't",
    'Russia’s',
    "rock'n'roll",
    'O’Neil',
    "'quoted'",
    '’80s',
    "1990s'",
    'x2',
    '£1.4bn',
    '2,000',
    'café',
    'ÉCOLE',
    'İstanbul',
    'Straße',
    '𝐀bc',
    '😀',
    '²',
    'Ⅻ',
    'ǅ',
    'naïve',
    'co-operate',
    'U.S.',
    '—',
    '“',
    '”',
    ',',
    '.',
    "'",
    '’',
    ' ',
    '\n',
    'a',
    'I',
    'of',
    'and',
    'said',
  ];
  const safe = pieces.filter((p) => !/[İǅⅫ\u{1d400}\u{1f600}]/u.test(p));
  let seed = 3;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const got = new Map<string, number>();
  const want = new Map<string, number>();
  for (let trial = 0; trial < 500; trial++) {
    let text = '';
    const count = 1 + Math.floor(rnd() * 30);
    // Half the texts without the characters that send a span to the pattern itself ("İ", "ǅ",
    // "Ⅻ", astral ones), so the scan is what is compared.
    const from = trial % 2 === 0 ? pieces : safe;
    for (let k = 0; k < count; k++) {
      text += from[Math.floor(rnd() * from.length)];
      if (rnd() < 0.6) text += ' ';
    }
    const start = Math.floor(rnd() * 3);
    const end = Math.max(start, text.length - Math.floor(rnd() * 3));
    // One id table across trials, as across the units of a document.
    assert.deepEqual(
      contentWords(text, { start, end }, got),
      reference(text, start, end, want),
      `trial ${trial}: ${JSON.stringify(text.slice(start, end))}`,
    );
    assert.deepEqual([...got], [...want]);
  }
});
