import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines } from '../../../test/support/event-doc.js';
import { codeEvents, explainEvents } from './events-stage.js';

// Sentences written here (none from a judged sample); each case has a control that still codes.
const country = (id: string, text: string) => ({
  id: `country:${id}`,
  type: 'country' as const,
  country: id,
  at: [{ text }],
});
const FRA = country('FRA', 'France');
const GBR = country('GBR', 'Britain');

const named = (line: string) => [FRA, GBR].filter((c) => line.includes(c.at[0]?.text ?? ''));
function coded(line: string) {
  return codeEvents(docFromLines([line], named(line))).events ?? [];
}
function setAside(line: string): string[] {
  return (explainEvents(docFromLines([line], named(line))).sentences[0]?.rejected ?? []).map((r) => r.reason);
}

test('a verb trigger after an attributive adjective is the noun: "wide support", "strong demand"', () => {
  const support = 'France has won wide support among its partners for the treaty.';
  assert.equal(coded(support).filter((e) => e.type === 'SUPPORT').length, 0);
  assert.ok(setAside(support).includes('events:sense.modified-noun'));
  const demand = 'France raised output to meet strong demand in Britain.';
  assert.equal(coded(demand).filter((e) => e.type === 'REQUEST').length, 0);
  // Control: the verb, with its subject before it, is coded.
  const verb = coded('France supported Britain at the summit.');
  assert.equal(verb[0]?.type, 'SUPPORT');
  assert.equal(verb[0]?.actor?.text, 'France');
});

test('a fused-head adjective ("many", "several") may be a subject: the verb after it stays a verb', () => {
  const line = 'Several demand that France withdraw its troops from Britain.';
  assert.ok(!setAside(line).includes('events:sense.modified-noun'));
});

test('only the head is read: a later word of a rule may follow an adjective ("held fresh talks with")', () => {
  const talks = coded('France held fresh talks with Britain on Monday.');
  assert.equal(talks[0]?.type, 'CONSULT');
  assert.equal(talks[0]?.actor?.text, 'France');
});

test('the object of a support verb names the event: "made a direct appeal to" still codes', () => {
  const appeal = coded('France made a direct appeal to Britain on Monday.');
  assert.equal(appeal[0]?.type, 'REQUEST');
  assert.equal(appeal[0]?.actor?.text, 'France');
});

test('a proper adjective names who acts: "the French demand that Britain leave" keeps its REQUEST', () => {
  const line = 'Britain rejected the French demand that it leave the talks.';
  const events = codeEvents(
    docFromLines(
      [line],
      [GBR, { ...country('FRA', 'French'), at: [{ text: 'French', form: 'name' as const }] }],
    ),
  ).events;
  assert.ok(
    events?.some((e) => e.type === 'REQUEST'),
    JSON.stringify(events?.map((e) => e.type)),
  );
});

test('the noun of a material act names an occurrence: "violent protests" after an adjective still codes', () => {
  const protests = coded(
    'Violent protests broke out in France on Monday, and fresh protests against Britain followed.',
  );
  assert.ok(
    protests.some((e) => e.type === 'PROTEST'),
    JSON.stringify(protests.map((e) => e.type)),
  );
  assert.ok(!setAside('France saw fresh protests against Britain.').includes('events:sense.modified-noun'));
});
