import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentStages } from '../../src/pipeline.js';
import { countLayerReads, repeatTo, superlinearStages } from '../support/stage-scaling.js';

// Time must stay linear in the input, whatever it holds (issue 5). Each case grows an input that
// stresses one path and checks, per stage, that a doubling of the input costs
// - at most 2.2× as many reads of the document's layers, counted exactly: a scan of a whole layer
//   per item (the removed-span checks this file was written for) shows as ×4;
// - at most 2.5× the CPU time (see `superlinearStages` for how it is measured): this catches
//   quadratic work anywhere, also in a stage's own tables. Time is held to a looser ratio than
//   reads because on a shared two-core machine the garbage collector and the neighbours move one
//   measurement by a third, and the heavier-allocating stages measure ×2.1–2.3 per doubling when
//   linear; a quadratic stage measures ×4.
// Only ratios are asserted, never times.
const MAX_READS_PER_DOUBLING = 2.2;
const TIMING = { maxPerDoubling: 2.5, floorMs: 20, attempts: 3 };

interface Case {
  name: string;
  make: (n: number) => string;
  /** Code units at the small size: big enough that the busiest stages take tens of milliseconds. */
  size: number;
  stageOptions?: Record<string, unknown>;
  /** Counted reads only: what the case stresses is a scan over a layer, which the count sees exactly. */
  readsOnly?: boolean;
}

/** Kept sentences between boilerplate lines: every annotator checks what it finds against `removed`. */
function boilerplateBetweenSentences(n: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const line = `Share\nRussia said on Tuesday that it paid $${i} million, “a fair price,” to China.\nAdvertisement\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('');
}

/** Many people, each named in full and then by surname alone: every bare surname is looked up. */
function manyPeople(n: number): string {
  const syllables = ['ka', 'ro', 'mi', 'ta', 'lo', 'ven', 'dra', 'ish', 'ur', 'pel', 'san', 'dov'];
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    let name = '';
    for (let k = i + syllables.length; k > 0; k = Math.floor(k / syllables.length)) {
      name += syllables[k % syllables.length];
    }
    name = name.charAt(0).toUpperCase() + name.slice(1);
    const line = `Anna ${name} spoke. Minister ${name} left. Mr. ${name} said.\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('');
}

const cases: Case[] = [
  {
    name: 'boilerplate-only lines',
    make: (n) => repeatTo('Share\nAdvertisement\nSkip to content\n', n),
    size: 200_000,
  },
  {
    name: 'boilerplate between annotated sentences',
    make: boilerplateBetweenSentences,
    size: 60_000,
    readsOnly: true,
  },
  {
    name: 'duplicate-only sentences',
    make: (n) => repeatTo('The minister said the talks would continue next week.\n', n),
    size: 200_000,
  },
  {
    name: 'duplicate-only paragraphs',
    make: (n) => repeatTo('The minister said the talks would continue. Both sides want a deal soon.\n\n', n),
    size: 200_000,
  },
  { name: 'dense event text', make: (n) => repeatTo('Putin met Xi. ', n), size: 20_000 },
  { name: 'many people named by surname alone', make: manyPeople, size: 30_000 },
];

for (const c of cases) {
  test(`${c.name}: reads of the document's layers grow linearly in every stage`, () => {
    const small = countLayerReads(c.make(c.size), documentStages, c.stageOptions);
    const large = countLayerReads(c.make(2 * c.size), documentStages, c.stageOptions);
    const over = [...large]
      .filter(([stage, reads]) => reads > MAX_READS_PER_DOUBLING * (small.get(stage) ?? 0) + 16)
      .map(([stage, reads]) => `${stage}: ${small.get(stage)} → ${reads} reads`);
    assert.deepEqual(over, [], `doubling the input (${c.size} code units):\n${over.join('\n')}`);
  });

  if (c.readsOnly) continue;
  test(`${c.name}: time grows linearly in every stage`, () => {
    const problems = superlinearStages(c.make, c.size, documentStages, {
      ...TIMING,
      stageOptions: c.stageOptions,
    });
    assert.deepEqual(problems, [], `growing the input from ${c.size} code units:\n${problems.join('\n')}`);
  });
}
