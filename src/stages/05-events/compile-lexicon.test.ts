import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cameoCodes } from '../../rules/events/cameo.js';
import { eventLexicon } from '../../rules/events/index.js';
import { compileCues, compileLexicon } from './compile-lexicon.js';

const ploverTypes = [
  'AGREE',
  'CONSULT',
  'SUPPORT',
  'COOPERATE',
  'AID',
  'CONCEDE',
  'RETREAT',
  'REQUEST',
  'ACCUSE',
  'REJECT',
  'THREATEN',
  'PROTEST',
  'SANCTION',
  'MOBILIZE',
  'COERCE',
  'ASSAULT',
];

test('the lexicon covers the 16 PLOVER types, each with rules', () => {
  assert.deepEqual([...eventLexicon.map((t) => t.type)].sort(), [...ploverTypes].sort());
  for (const t of eventLexicon) assert.ok(t.rules.length > 0, `${t.type} has no rules`);
});

test('every rule and intent names a CAMEO code the table holds; events take its quad and Goldstein', () => {
  for (const t of eventLexicon) {
    for (const r of t.rules)
      assert.ok(cameoCodes.has(r.cameo), `${r.id}: CAMEO ${r.cameo} is not in cameo.json`);
    if (t.intent) assert.ok(cameoCodes.has(t.intent.cameo), `${t.type} intent`);
  }
  const visit = compileLexicon()
    .byHead.get('visited')
    ?.find((r) => r.spec.id === 'events:consult.visit');
  assert.deepEqual(
    visit && { code: visit.code.code, quad: visit.code.quad, goldstein: visit.code.goldstein },
    { code: '042', quad: 1, goldstein: 1.9 },
  );
  assert.throws(
    () =>
      compileLexicon([{ type: 'AGREE', rules: [{ id: 'events:agree.x', cameo: '0999', words: ['agree'] }] }]),
    /CAMEO code "0999" is not in/,
  );
});

test('compiled heads include generated and irregular forms', () => {
  const { byHead, ruleCount } = compileLexicon();
  assert.ok(ruleCount >= 150, `only ${ruleCount} rules`);
  const ids = (w: string) => (byHead.get(w) ?? []).map((r) => r.spec.id);
  assert.ok(ids('accused').includes('events:accuse.accuse'));
  assert.ok(ids('accusing').includes('events:accuse.accuse'));
  assert.ok(ids('met').includes('events:consult.meet'));
  assert.ok(ids('held').includes('events:consult.hold-talks'));
  assert.ok(ids('arrived').includes('events:consult.arrive-in'));
  assert.equal(byHead.get('reported'), undefined, 'reporting verbs are not triggers');
});

test('malformed lexicon data is a programmer error with a clear message', () => {
  assert.throws(
    () =>
      compileLexicon([
        {
          type: 'AGREE',
          rules: [{ id: 'agree-bad', cameo: '030', words: ['agree'] }],
        },
      ]),
    /not of the form/,
  );
  assert.throws(
    () =>
      compileLexicon([
        {
          type: 'AGREE',
          rules: [{ id: 'events:consult.x', cameo: '030', words: ['agree'] }],
        },
      ]),
    /listed under AGREE/,
  );
  const dup = { id: 'events:agree.x', cameo: '030', words: ['agree'] };
  assert.throws(() => compileLexicon([{ type: 'AGREE', rules: [dup, dup] }]), /defined twice/);
});

test('status cues compile with negation ranked before future', () => {
  const cues = compileCues();
  assert.ok(cues.window > 0);
  const never = cues.byLast.get('never');
  assert.equal(never?.[0]?.status, 'negated');
  const to = cues.byLast.get('to') ?? [];
  assert.ok(to.length > 3);
  assert.equal(to[0]?.status, 'negated');
});
