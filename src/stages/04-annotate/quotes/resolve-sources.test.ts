import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Attribution, Entity, Quote, Span } from '../../../core/doc.js';
import { attachQuoteSpeakers, resolveAttributionSources, SourceResolver } from './resolve-sources.js';

const text =
  'Russian President Vladimir Putin met Xi at the Kremlin. He said the talks went “well”. ' +
  'A ministry spokesman, Maria Zakharova, spoke later. The spokeswoman said nothing. The ministry said more.';

function span(word: string, from = 0): Span {
  const start = text.indexOf(word, from);
  assert.ok(start >= 0, word);
  return { start, end: start + word.length };
}

const entities: Entity[] = [
  {
    id: 'person:vladimir-putin',
    name: 'Vladimir Putin',
    type: 'person',
    role: 'president',
    mentions: [{ ...span('Vladimir Putin'), rule: 't' }],
  },
  { id: 'person:xi-jinping', name: 'Xi Jinping', type: 'person', mentions: [{ ...span('Xi'), rule: 't' }] },
  { id: 'org:kremlin', name: 'Kremlin', type: 'organization', mentions: [{ ...span('Kremlin'), rule: 't' }] },
  {
    id: 'person:maria-zakharova',
    name: 'Maria Zakharova',
    type: 'person',
    role: 'spokeswoman',
    mentions: [{ ...span('Maria Zakharova'), rule: 't' }],
  },
];

test('a pronoun is the person named most recently before it; a name inside the source is its entity', () => {
  const r = new SourceResolver(text, entities);
  // "Xi" is the most recent person before "He": recency, not salience, decides.
  const he = { start: span('He said').start, end: span('He said').start + 2 };
  assert.deepEqual(r.resolve(he), {
    entity: 'person:xi-jinping',
    rule: 'quotes:source.pronoun',
  });
  assert.deepEqual(r.resolve(span('Russian President Vladimir Putin')), {
    entity: 'person:vladimir-putin',
    rule: 'quotes:source.mention',
  });
});

test('a description takes the last entity with that role, or the last organisation for an organisation noun', () => {
  const r = new SourceResolver(text, entities);
  assert.deepEqual(r.resolve(span('The spokeswoman')), {
    entity: 'person:maria-zakharova',
    rule: 'quotes:source.description',
  });
  assert.deepEqual(r.resolve(span('The ministry')), {
    entity: 'org:kremlin',
    rule: 'quotes:source.description',
  });
  // Nothing in reach: unresolved.
  assert.equal(new SourceResolver(text, []).resolve(span('The spokeswoman')), undefined);
});

test('a quotation inside an attribution’s content takes its source as speaker, with the rule that resolved it', () => {
  const r = new SourceResolver(text, entities);
  const he = { start: span('He said').start, end: span('He said').start + 2 };
  const content = { start: span('the talks').start, end: span('“well”').end };
  const a: Attribution = {
    start: he.start,
    end: content.end,
    source: 'He',
    sourceSpan: he,
    cue: span('said'),
    content,
    rule: 't',
  };
  resolveAttributionSources([a], r);
  assert.equal(a.sourceEntity, 'person:xi-jinping');
  assert.equal(a.sourceRule, 'quotes:source.pronoun');
  const q: Quote = { start: span('well').start, end: span('well').end, rule: 'quotes:double-marks' };
  const lone: Quote = { start: 0, end: 7, rule: 'quotes:double-marks' };
  attachQuoteSpeakers([q, lone], [a], text, r);
  assert.equal(q.speaker, 'person:xi-jinping');
  assert.equal(q.speakerText, 'He');
  assert.equal(q.speakerRule, 'quotes:source.pronoun');
  assert.equal(q.rule, 'quotes:double-marks.attribution');
  assert.equal(lone.speaker, undefined);
});

test('a person named only inside what someone said is no antecedent for a pronoun outside it', () => {
  const t =
    'The governor, Ana Ruiz, said the bridge owed everything to Tomas Berg, who hoped he would return. ' +
    'She said the work would end in May. “Berg would be proud,” she added, “and so would Lena Voss.” She left.';
  const at = (w: string, from = 0) => {
    const start = t.indexOf(w, from);
    assert.ok(start >= 0, w);
    return { start, end: start + w.length };
  };
  const people: Entity[] = [
    { id: 'person:ana-ruiz', name: 'Ana Ruiz', type: 'person', mentions: [{ ...at('Ana Ruiz'), rule: 't' }] },
    {
      id: 'person:tomas-berg',
      name: 'Tomas Berg',
      type: 'person',
      mentions: [
        { ...at('Tomas Berg'), rule: 't' },
        { ...at('Berg would'), end: at('Berg would').start + 4, rule: 't' },
      ],
    },
    {
      id: 'person:lena-voss',
      name: 'Lena Voss',
      type: 'person',
      mentions: [{ ...at('Lena Voss'), rule: 't' }],
    },
  ];
  // The first attribution's content, and the quotation's two pieces.
  const content = { start: at('the bridge').start, end: at('return').end };
  const quote1 = { start: at('Berg would').start, end: at('proud,').end };
  const quote2 = { start: at('and so would').start, end: at('Lena Voss').end + 1 };
  const she = (from: number) => {
    const s = t.indexOf('She said', from);
    return { start: s, end: s + 3 };
  };
  const plain = new SourceResolver(t, people);
  const framed = new SourceResolver(t, people, [content, quote1, quote2]);
  // Without the passages, recency takes the name inside the content: Tomas Berg.
  assert.equal(plain.resolve(she(0))?.entity, 'person:tomas-berg');
  // With them, the speaker: Ana Ruiz.
  assert.deepEqual(framed.resolve(she(0)), { entity: 'person:ana-ruiz', rule: 'quotes:source.pronoun' });
  // After the quotation naming Berg and Voss, "She" is still Ana Ruiz (plain recency says Lena Voss).
  const last = { start: t.lastIndexOf('She'), end: t.lastIndexOf('She') + 3 };
  assert.equal(plain.resolve(last)?.entity, 'person:lena-voss');
  assert.equal(framed.resolve(last)?.entity, 'person:ana-ruiz');
  // A pronoun inside a passage may take a person named inside that same passage.
  const inside = { start: at('he would').start, end: at('he would').start + 2 };
  assert.equal(framed.resolve(inside)?.entity, 'person:tomas-berg');
});

test('a pronoun agrees in gender with a person whose title tells it', () => {
  const t =
    'Mr Kilroy-Silk spoke in London. Ms Blackman said she was proud. He said the party would win. ' +
    'Lord Hain met Baroness Ashton. She said little. Dr Okafor arrived. He left.';
  const at = (w: string) => {
    const start = t.indexOf(w);
    assert.ok(start >= 0, w);
    return { start, end: start + w.length };
  };
  const person = (id: string, name: string): Entity => ({
    id,
    name,
    type: 'person',
    mentions: [{ ...at(name), rule: 't' }],
  });
  const people = [
    person('person:kilroy-silk', 'Kilroy-Silk'),
    person('person:blackman', 'Blackman'),
    person('person:hain', 'Hain'),
    person('person:ashton', 'Ashton'),
    person('person:okafor', 'Okafor'),
  ];
  const r = new SourceResolver(t, people);
  const pronoun = (w: string) => ({ start: at(w).start, end: at(w).start + w.indexOf(' ') });
  // "He" skips Ms Blackman for Mr Kilroy-Silk; "She" skips nobody to reach Baroness Ashton.
  assert.equal(r.resolve(pronoun('He said the'))?.entity, 'person:kilroy-silk');
  assert.equal(r.resolve(pronoun('She said little'))?.entity, 'person:ashton');
  // No title, no gender: recency decides ("Dr Okafor").
  assert.equal(r.resolve(pronoun('He left'))?.entity, 'person:okafor');
  // A person called both Mr and Ms (two people merged) has no gender: recency again.
  const merged = 'Mr Lee spoke. Ms Lee replied. He said no.';
  const lee: Entity = {
    id: 'person:lee',
    name: 'Lee',
    type: 'person',
    mentions: [
      { start: 3, end: 6, rule: 't' },
      { start: merged.indexOf('Lee replied'), end: merged.indexOf('Lee replied') + 3, rule: 't' },
    ],
  };
  const he = merged.indexOf('He said');
  assert.equal(new SourceResolver(merged, [lee]).resolve({ start: he, end: he + 2 })?.entity, 'person:lee');
});

test('a place named only in the description after a source’s name is not the source', () => {
  const t = 'Ann Bee, a reporter based in the Norwegian capital Oslo, said talks had failed.';
  const at = (w: string) => ({ start: t.indexOf(w), end: t.indexOf(w) + w.length, rule: 't' });
  const oslo: Entity = { id: 'place:oslo', name: 'Oslo', type: 'city', mentions: [at('Oslo')] };
  const r = new SourceResolver(t, [oslo]);
  assert.equal(r.resolve({ start: 0, end: t.indexOf(', said') }), undefined);
  // The name before the comma still decides when it is known.
  const bank: Entity = {
    id: 'org:nordbank',
    name: 'Nordbank',
    type: 'organization',
    mentions: [at('Ann Bee')],
  };
  assert.equal(
    new SourceResolver(t, [bank, oslo]).resolve({ start: 0, end: t.indexOf(', said') })?.entity,
    'org:nordbank',
  );
  // A source that opens with a description takes the name its apposition gives.
  const u = 'A Canadian company, named Nordex, said talks had failed.';
  const atU = (w: string) => ({ start: u.indexOf(w), end: u.indexOf(w) + w.length, rule: 't' });
  const described = new SourceResolver(u, [
    { id: 'country:CAN', name: 'Canada', type: 'country', mentions: [atU('Canadian')] },
    { id: 'org:nordex', name: 'Nordex', type: 'organization', mentions: [atU('Nordex')] },
  ]);
  assert.equal(described.resolve({ start: 0, end: u.indexOf(', said') })?.entity, 'org:nordex');
});
