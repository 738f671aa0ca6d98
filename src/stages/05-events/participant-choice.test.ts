import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc, type NewsEvent } from '../../core/doc.js';
import { analyze, analyzeDoc } from '../../pipeline.js';

function first(text: string, type: string): NewsEvent | undefined {
  const doc = analyzeDoc(
    createDoc(text, { uri: 'test://participant-choice', mediaType: 'text/plain', published: '2024-05-16' }),
  );
  return doc.events?.find((e) => e.type === type);
}

test('a participle after the objects of a verb shares its subject, not the name before it', () => {
  const wrote = first(
    "The Green Party's Welsh leader Jane Roberts wrote to Mr Smith on Tuesday accusing him of misleading voters.",
    'ACCUSE',
  );
  assert.match(wrote?.actor?.text ?? '', /Jane Roberts$/);
  const pitch = first(
    "Michael Jones is to make a pitch for Britain's farm vote urging farmers to back the Tories.",
    'REQUEST',
  );
  assert.equal(pitch?.actor?.text, 'Michael Jones');
  // After "with" the noun group is the participle's own subject.
  const e = first('Labour hit back with party chairman John Reid accusing Mr Howard of lying.', 'ACCUSE');
  assert.equal(e?.actor?.text, 'John Reid');
});

test('a name that is the object of a preposition is no subject', () => {
  const tour = first(
    'The fact that he has embarked on a tour of Britain and will next week visit Kenya has angered rivals.',
    'AGREE',
  );
  assert.notEqual(tour?.actor?.country, 'GBR');
  const itv = first(
    'Anna Smith spoke on Monday.\n\nDuring an interview on ITV1 she said she often criticised the plan.',
    'ACCUSE',
  );
  assert.equal(itv?.actor?.text, 'Anna Smith');
  // A spokesman speaks for the body after "for".
  const spokesman = first('A spokesman for the Green Party called on Mr Smith to resign.', 'REQUEST');
  assert.equal(spokesman?.actor?.text, 'Green Party');
});

test('a definite description stands for the person introduced with its head noun', () => {
  const text = [
    'Green Party co-leader Jane Roberts spoke in Leeds on Monday.',
    'She said the election would be close.',
    'The party co-leader attacked the government over its housing plans.',
  ].join('\n\n');
  const e = first(text, 'ACCUSE');
  assert.equal(e?.actor?.text, 'Jane Roberts');
});

test('a body, title words and a person: the person holds the office and acts ("Finance Secretary Mario Brodersohn")', () => {
  const a = analyze(
    'Talks\n\nThe negotiations went on, although Finance Secretary Mario Brodersohn had returned to Argentina to consult the president.\n',
    { published: '1987-03-31' },
  );
  const actors = a.events.map((e) => e.actor?.text ?? '');
  assert.ok(actors.length > 0, 'events found');
  // The person is the actor (with or without the title in its text), never the body alone.
  assert.ok(
    actors.every((t) => t.endsWith('Mario Brodersohn')),
    JSON.stringify(actors),
  );
});

test('"I" or "we" as the subject inside a quotation is its speaker; an unresolved "he said" names no one', () => {
  const a = analyze('Report\n\n"I congratulate Chile on its new government," Mr Lula said on Monday.\n', {
    published: '2005-03-01',
  });
  const congratulate = a.events.find((e) => a.text.slice(e.trigger.start, e.trigger.end) === 'congratulate');
  assert.equal(congratulate?.actor?.text, 'Lula');
  const b = analyze('Report\n\n"We condemn the attack on Chile," he said.\n', { published: '2005-03-01' });
  for (const e of b.events) assert.notEqual(e.actor?.text.toLowerCase(), 'he');
});
