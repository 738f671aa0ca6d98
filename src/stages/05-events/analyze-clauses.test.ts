import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sentenceJoinedTokens, tokenizeRange } from '../../core/tokens.js';
import { ClauseAnalysis, type Phrase } from './analyze-clauses.js';
import { SentenceTagger } from './tag-sentence.js';

// Runs the committed part-of-speech model (models/pos-1); the sentences are written here.

function analyse(text: string) {
  const layer = tokenizeRange(text);
  const tokens = sentenceJoinedTokens(layer, 0, { start: 0, end: text.length });
  const { tags, possessive } = new SentenceTagger(layer).tag(0, tokens);
  const clauses = new ClauseAnalysis(tokens, tags, possessive);
  const at = (word: string) => tokens.findIndex((t) => t.lower === word);
  const words = (p: Phrase | undefined) =>
    p
      ? text.slice((tokens[p.first] as { start: number }).start, (tokens[p.last] as { end: number }).end)
      : undefined;
  return { frame: (word: string) => clauses.frameAt(at(word)), words, clauses };
}

test('a plain clause: subject, verb group, object and prepositional phrases', () => {
  const a = analyse('Russian forces in Kharkiv shelled the town of Vovchansk on Monday.');
  const f = a.frame('shelled');
  assert.equal(f?.kind, 'verbal');
  assert.equal(f?.verbGroup?.voice, 'active');
  assert.deepEqual(f?.actors.map(a.words), ['Russian forces in Kharkiv']);
  assert.equal(a.words(f?.object), 'the town');
  assert.deepEqual(
    f?.preps.map((p) => p.prep),
    ['of', 'on'],
  );
});

test('passive voice: the by-phrase acts, the subject is acted on', () => {
  const a = analyse('The embassy was attacked by Taliban fighters on Monday.');
  const f = a.frame('attacked');
  assert.equal(f?.verbGroup?.voice, 'passive');
  assert.deepEqual(f?.actors.map(a.words), ['Taliban fighters']);
  assert.equal(f?.actorBy, 'clause:by-agent');
  assert.equal(a.words(f?.object), 'The embassy');
  const perfect = analyse('Beijing has never condemned the invasion.').frame('condemned');
  assert.equal(perfect?.verbGroup?.voice, 'active');
  assert.equal(perfect?.verbGroup?.negated, true);
});

test('a count before modifiers stays in its noun group; a year does not', () => {
  const a = analyse('The depot was bombed by three Syrian jets on Sunday.');
  assert.deepEqual(a.frame('bombed')?.actors.map(a.words), ['three Syrian jets']);
  const b = analyse('In 1998 Indian troops crossed the border.');
  assert.deepEqual(b.frame('crossed')?.actors.map(b.words), ['Indian troops']);
});

test('coordination: "Xi and Putin will meet" gives two actors', () => {
  const a = analyse('Xi and Putin will meet in Beijing next week.');
  const f = a.frame('meet');
  assert.deepEqual(f?.actors.map(a.words), ['Xi', 'Putin']);
  assert.equal(f?.object, undefined);
});

test('reported clauses: "X said Y attacked Z" makes Y the actor', () => {
  const a = analyse('The minister said rebels attacked the town of Goma.');
  const f = a.frame('attacked');
  assert.deepEqual(f?.actors.map(a.words), ['rebels']);
  assert.equal(a.words(f?.object), 'the town');
});

test('relative clauses: the pronoun hands over its antecedent', () => {
  const a = analyse('Witnesses blamed the army, which shelled the village overnight.');
  const f = a.frame('shelled');
  assert.deepEqual(f?.actors.map(a.words), ['the army']);
  assert.equal(f?.actorBy, 'clause:relative');
});

test('a coordinated verb shares the earlier subject', () => {
  const a = analyse('Putin arrived in Beijing and met Xi on Thursday.');
  const f = a.frame('met');
  assert.deepEqual(f?.actors.map(a.words), ['Putin']);
  assert.equal(f?.actorBy, 'clause:shared-subject');
  assert.equal(a.words(f?.object), 'Xi');
});

test('nominal events: possessor, between-pair, modifier and support verb', () => {
  const visit = analyse("Putin's visit to China was his first abroad.");
  const v = visit.frame('visit');
  assert.equal(v?.kind, 'nominal');
  assert.deepEqual(v?.actors.map(visit.words), ["Putin's"]);
  assert.equal(visit.words(v?.object), 'China');

  const advance = analyse("Analysts followed Russia's advances in Kharkiv closely.");
  const r = advance.frame('advances');
  assert.deepEqual(r?.actors.map(advance.words), ["Russia's"]);
  assert.equal(advance.words(r?.object), 'Kharkiv');

  const talks = analyse('The talks between Iran and Iraq resumed on Monday.');
  const t = talks.frame('talks');
  assert.deepEqual(t?.actors.map(talks.words), ['Iran', 'Iraq']);
  assert.equal(t?.actorBy, 'clause:nominal-between');

  const launched = analyse('Israel launched an attack on Gaza.');
  const l = launched.frame('attack');
  assert.deepEqual(l?.actors.map(launched.words), ['Israel']);
  assert.equal(l?.actorBy, 'clause:support-verb');
  assert.equal(launched.words(l?.object), 'Gaza');
});

test('bad input: a sentence of 5,000 words and a list of 300 names stay bounded', () => {
  const long = Array.from({ length: 5000 }, (_, i) => (i % 7 === 3 ? 'attacked' : 'rebels')).join(' ');
  const a = analyse(long);
  let frames = 0;
  for (let i = 0; i < a.clauses.chunkOf.length; i++) if (a.clauses.frameAt(i)) frames++;
  assert.ok(frames > 0);
  const names = Array.from({ length: 300 }, (_, i) => `Name${i} Surname${i}`).join(', ');
  const b = analyse(`${names} and Putin met.`);
  const f = b.frame('met');
  assert.ok(f === undefined || f.actors.length <= 300);
});

test('an "of" phrase after another phrase belongs to its noun group, not to the event word', () => {
  const a = analyse('A bombing near the village of Qaim on Sunday wounded two policemen.');
  const f = a.frame('bombing');
  assert.equal(f?.kind, 'nominal');
  assert.deepEqual(
    f?.preps.map((p) => [p.prep, p.modifies === true]),
    [
      ['near', false],
      ['of', true],
      ['on', false],
    ],
  );
  // The village is where the bombing happened, not its other side.
  assert.notEqual(a.words(f?.object), 'Qaim');
  // Right after the event word, "of" still names its other side.
  const g = analyse('The bombing of the village of Qaim wounded two policemen.').frame('bombing');
  assert.equal(g?.objectBy, 'clause:nominal-of');
});

test('a participle after an event noun does not end its phrases: "the talks planned for May between A and B"', () => {
  const a = analyse('Officials said the talks planned for May between Chile and Peru would be hard.');
  const f = a.frame('talks');
  assert.equal(f?.actorBy, 'clause:nominal-between');
  assert.deepEqual(f?.actors.map(a.words), ['Chile', 'Peru']);
});

test('an opening participial clause takes the main clause’s subject, and a support verb hands it on', () => {
  const a = analyse(
    'In announcing the sanctions against Japan, President Reagan said Tokyo had broken the pact.',
  );
  const verb = a.frame('announcing');
  assert.deepEqual(verb?.actors.map(a.words), ['President Reagan']);
  assert.equal(verb?.actorBy, 'clause:opening-participle');
  // "the sanctions": the object of a support verb ("imposing"), whose subject acts in it.
  const b0 = analyse(
    'In imposing the sanctions against Japan, President Reagan said Tokyo had broken the pact.',
  );
  assert.deepEqual(b0.frame('sanctions')?.actors.map(b0.words), ['President Reagan']);
  // Not an opening clause: a participle after a subject keeps its own reading.
  const b = analyse('Reagan, announcing the sanctions against Japan, said Tokyo had broken the pact.');
  assert.notEqual(b.frame('announcing')?.actorBy, 'clause:opening-participle');
});

test('a relative clause between commas is skipped back to the noun group it describes', () => {
  const a = analyse(
    'Iraqi President Saddam Hussein, who met his commanders in Baghdad, visited the city of Mosul.',
  );
  assert.deepEqual(a.frame('visited')?.actors.map(a.words), ['Iraqi President Saddam Hussein']);
  // Not a relative clause: a comma after a clause of its own leaves the subject open.
  const b = analyse('The talks ended early, officials left the city.');
  assert.notDeepEqual(b.frame('left')?.actors.map(b.words), ['The talks']);
});
