import assert from 'node:assert/strict';
import { test } from 'node:test';
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

function quadOfRoot(cameo: string): number {
  const root = Number(cameo.slice(0, 2));
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

test('the lexicon covers the 16 PLOVER types, each with rules', () => {
  assert.deepEqual([...eventLexicon.map((t) => t.type)].sort(), [...ploverTypes].sort());
  for (const t of eventLexicon) assert.ok(t.rules.length > 0, `${t.type} has no rules`);
});

test('every rule has a well-formed CAMEO code, the quad class of its root and a Goldstein score in range', () => {
  for (const t of eventLexicon) {
    for (const r of t.rules) {
      assert.match(r.cameo, /^(0[1-9]|1\d|20)\d{1,2}$/, r.id);
      assert.equal(r.quad, quadOfRoot(r.cameo), `${r.id}: quad ${r.quad} but CAMEO ${r.cameo}`);
      assert.ok(r.goldstein >= -10 && r.goldstein <= 10, r.id);
      assert.equal(
        Math.sign(r.goldstein) >= 0,
        r.quad <= 2 || r.cameo === '020',
        `${r.id}: Goldstein sign does not fit quad ${r.quad}`,
      );
    }
    if (t.intent) assert.equal(t.intent.quad, quadOfRoot(t.intent.cameo), `${t.type} intent`);
  }
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
          rules: [{ id: 'agree-bad', cameo: '030', quad: 1, goldstein: 4, words: ['agree'] }],
        },
      ]),
    /not of the form/,
  );
  assert.throws(
    () =>
      compileLexicon([
        {
          type: 'AGREE',
          rules: [{ id: 'events:consult.x', cameo: '030', quad: 1, goldstein: 4, words: ['agree'] }],
        },
      ]),
    /listed under AGREE/,
  );
  const dup = { id: 'events:agree.x', cameo: '030', quad: 1 as const, goldstein: 4, words: ['agree'] };
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
