import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../pipeline.js';
import { REPORTED_SPEECH_RULE, statementRuleCount } from './code-statements.js';

const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

test('statements: PETRARCH’s CAMEO 01–02 verbs and patterns are compiled, and nothing else', () => {
  assert.ok(statementRuleCount > 300, `only ${statementRuleCount} statement rules`);
});

test('statements: a reporting verb is CAMEO 010, its source the actor; no PLOVER event is coded', () => {
  const text = 'The French foreign minister said on Monday that the talks would continue.';
  const a = analyze(text, { published: '2024-05-16' });
  assert.equal(a.events.length, 0);
  const s = a.statements[0];
  assert.ok(s, 'a statement');
  assert.equal(s.type, 'STATEMENT');
  assert.equal(s.cameo, '010');
  assert.equal(s.rule, REPORTED_SPEECH_RULE);
  assert.equal(at(text, s.trigger), 'said');
  assert.equal(s.actor?.country, 'FRA');
  assert.equal(s.status, 'asserted');
  assert.equal(s.goldstein, 0);
});

test('statements: finer CAMEO 01 codes from the dictionary — denial, optimism, a declined comment', () => {
  const cases: [string, string, string][] = [
    ['Iran denied responsibility for the bombing.', '016', 'IRN'],
    ['Britain expressed optimism about the trade deal.', '013', 'GBR'],
  ];
  for (const [text, code, country] of cases) {
    const a = analyze(text, { published: '2024-05-16' });
    assert.equal(a.events.length, 0, text);
    assert.equal(a.statements[0]?.cameo, code, text);
    assert.match(a.statements[0]?.rule ?? '', /^petrarch:/, text);
    assert.equal(a.statements[0]?.actor?.country, country, text);
  }
  // Declining to comment is a statement (011), not a rejection (124); declining to attend still is.
  const comment = analyze('A government spokesman declined to comment on the report.');
  assert.deepEqual(
    comment.events.map((e) => e.type),
    [],
  );
  assert.equal(comment.statements[0]?.cameo, '011');
  // So is declining to name, confirm or give details (CAMEO 011: refusing to confirm or deny information).
  for (const text of [
    'The minister declined to identify the bank.',
    'Officials declined to give details of the plan.',
    'The ministry declined to confirm the report.',
  ]) {
    assert.deepEqual(
      analyze(text).events.map((e) => e.type),
      [],
      text,
    );
  }
  const attend = analyze('Russia declined to attend the summit.');
  assert.equal(attend.events[0]?.type, 'REJECT');
});

test('statements: a trigger a PLOVER event holds is never a statement too, and a negated one says so', () => {
  const a = analyze('Japan called on China to resume talks.');
  assert.equal(a.events[0]?.type, 'REQUEST');
  assert.equal(a.statements.length, 0);
  const reported = analyze('Russian forces shelled Kharkiv, the ministry said.');
  assert.equal(reported.events[0]?.type, 'ASSAULT');
  assert.deepEqual(
    reported.statements.map((s) => at('Russian forces shelled Kharkiv, the ministry said.', s.trigger)),
    ['said'],
  );
  const denied = analyze('Iran has never denied responsibility for the bombing.');
  assert.equal(denied.statements[0]?.status, 'negated');
});

test('statements: bad input stays bounded — 300 reporting clauses in one sentence', () => {
  const text = `${Array.from({ length: 300 }, (_, i) => `official ${i} said`).join(', ')} that nothing happened.`;
  const a = analyze(text);
  assert.ok(a.statements.length <= 300);
});
