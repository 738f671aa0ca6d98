import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDoc } from '../../core/doc.js';
import { analyzeDoc } from '../../pipeline.js';
import codebookRules from './codebook-rules.json' with { type: 'json' };
import { eventLexicon } from './index.js';

const events = (text: string) =>
  analyzeDoc(createDoc(text, { uri: 'memory:', mediaType: 'text/plain' })).events ?? [];

test('codebook rules: every rule has an id, a description and a source, and joins its PLOVER type', () => {
  for (const r of codebookRules.rules) {
    assert.match(r.id, /^events:[a-z]+\.[a-z-]+$/);
    assert.ok(r.description.length > 20 && r.source.length > 20, r.id);
    const spec = eventLexicon.find((s) => s.type === r.type);
    assert.ok(
      spec?.rules.some((x) => x.id === r.id),
      `${r.id} in ${r.type}`,
    );
  }
});

test('codebook rules: easing sanctions (085) and restrictions (081); other objects of the same verbs are not', () => {
  const sanctions = events('The Freedonian treasury removed the sanctions on Ruritania.');
  assert.equal(sanctions[0]?.rule, 'events:concede.ease-sanctions');
  assert.equal(sanctions[0]?.cameo, '085');
  assert.equal(events('Japan eased sanctions against North Korea.')[0]?.cameo, '085');
  const ban = events('The government repealed the ban on public gatherings.');
  assert.equal(ban[0]?.rule, 'events:concede.ease-restrictions');
  // Controls: the same verbs with other objects code no easing.
  assert.ok(!events('The government removed the mayor from office.').some((e) => e.type === 'CONCEDE'));
  assert.ok(!events('Parliament repealed the tax on fuel.').some((e) => e.type === 'CONCEDE'));
});

test('codebook rules: joint military exercises begun (062); an exercise of one side alone is not cooperation', () => {
  const joint = events(
    'The Freedonian and Ruritanian navies began a joint military exercise in the Baltic Sea.',
  );
  assert.ok(
    joint.some((e) => e.rule === 'events:cooperate.begin-joint-exercise' && e.cameo === '062'),
    joint.map((e) => e.rule).join(','),
  );
  assert.ok(
    !events('The Freedonian navy began a military exercise in the Baltic Sea.').some(
      (e) => e.type === 'COOPERATE',
    ),
  );
});
