import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromLines, type EntityAt } from '../../../test/support/event-doc.js';
import { statementSenseRule } from './check-sense.js';
import { codeEvents, explainEvents } from './events-stage.js';
import { commentSectionRule, passageGenre, personalPassageRule } from './passage-genre.js';

const countries: EntityAt[] = [
  { id: 'country:RUR', type: 'country', country: 'RUR', at: [] },
  { id: 'country:FRE', type: 'country', country: 'FRE', at: [] },
];
/** Every mention of both countries in the text, as the entities stage would give them. */
function entitiesIn(lines: string[]): EntityAt[] {
  const text = lines.join('\n');
  return countries.map((c) => {
    const name = c.id === 'country:RUR' ? 'Ruritania' : 'Freedonia';
    const at = [];
    for (let n = 0, i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1), n++)
      at.push({ text: name, n });
    return { ...c, at };
  });
}

test('quoted speech keeps its first person: a report quoting "we" is no opinion', () => {
  const lines = [
    'Ruritania attacked Freedonia on Monday.',
    'The minister said: "We will not stop until we win. "We have no choice, and you know it."',
    'Freedonia accused Ruritania of war crimes.',
  ];
  const doc = docFromLines(lines, entitiesIn(lines));
  const genre = passageGenre(doc);
  for (let i = 0; i < lines.length; i++) assert.equal(genre.opinion(i), undefined, `sentence ${i}`);
  const types = (codeEvents(doc).events ?? []).map((e) => e.type);
  assert.deepEqual(types, ['ASSAULT', 'ACCUSE']);
});

test("a readers' comments section is set aside, its third-person paragraphs too, with the rule in explain", () => {
  const lines = [
    'Ruritania attacked Freedonia on Monday.',
    'I agree with the writer. We should support Freedonia, and I think Ruritania is wrong.',
    'You cannot trust them. Why do we keep quiet while our friends suffer?',
    'Freedonia accused Ruritania of lying, and Ruritania attacked Freedonia again.',
    'My view is simple: I back Freedonia. We all should.',
  ];
  const doc = docFromLines(lines, entitiesIn(lines));
  const genre = passageGenre(doc);
  assert.equal(genre.opinion(0), undefined);
  for (let i = 1; i < lines.length; i++) assert.equal(genre.opinion(i), commentSectionRule, `sentence ${i}`);
  const { events, sentences } = explainEvents(doc);
  assert.deepEqual(
    events.map((e) => e.sentence),
    [0],
  );
  const reasons = sentences.filter((s) => s.sentence === 3).flatMap((s) => s.rejected.map((r) => r.reason));
  assert.ok(reasons.length >= 2, `both readings of sentence 3 set aside: ${reasons}`);
  assert.ok(reasons.every((r) => r === commentSectionRule));
});

test('one personal paragraph in a report is set aside alone; "US" is no "us"', () => {
  const lines = [
    'Ruritania attacked Freedonia on Monday.',
    'I think Ruritania attacked Freedonia for nothing.',
    'The US condemned Ruritania, and Freedonia accused Ruritania of war crimes.',
    'Ruritania threatened Freedonia with sanctions.',
  ];
  const doc = docFromLines(lines, entitiesIn(lines));
  const genre = passageGenre(doc);
  assert.deepEqual(
    lines.map((_, i) => genre.opinion(i)),
    [undefined, personalPassageRule, undefined, undefined],
  );
  const sentencesWithEvents = new Set((codeEvents(doc).events ?? []).map((e) => e.sentence));
  assert.ok(!sentencesWithEvents.has(1));
  assert.ok(sentencesWithEvents.has(0) && sentencesWithEvents.has(2) && sentencesWithEvents.has(3));
});

test('a sport report: its attacks are play in every sentence, not only those naming the sport', () => {
  const lines = [
    'Ruritania won the football match 2-1 in the cup final.',
    'The league leaders scored twice in the championship fixture.',
    'The coach praised the striker after the match.',
    'Ruritania attacked Freedonia from the first minute.',
  ];
  const doc = docFromLines(lines, entitiesIn(lines));
  assert.equal(passageGenre(doc).sport, true);
  assert.ok(!(codeEvents(doc).events ?? []).some((e) => e.type === 'ASSAULT'));
  // The same sentence in a report that is not sport is an attack.
  const news = [lines[3] as string, 'Freedonia accused Ruritania of aggression.'];
  const newsDoc = docFromLines(news, entitiesIn(news));
  assert.equal(passageGenre(newsDoc).sport, false);
  assert.ok((codeEvents(newsDoc).events ?? []).some((e) => e.type === 'ASSAULT'));
});

test('a speaking verb that only states a view is no threat or demand; one that directs someone is', () => {
  const coded = (line: string) => explainEvents(docFromLines([line], entitiesIn([line])));
  const view = coded('Ruritania warned that Freedonia faced a long and costly winter.');
  assert.ok(!view.events.some((e) => e.type === 'THREATEN'));
  assert.ok(view.sentences.some((s) => s.rejected.some((r) => r.reason === statementSenseRule)));
  const insisted = coded('Ruritania insisted its figures on Freedonia were right.');
  assert.ok(!insisted.events.some((e) => e.type === 'REQUEST'));
  assert.ok(
    coded('Ruritania warned Freedonia to withdraw its troops.').events.some((e) => e.type === 'THREATEN'),
  );
  assert.ok(
    coded('Ruritania warned that it would strike Freedonia.').events.some((e) => e.type === 'THREATEN'),
  );
});

test('exclaiming readers with few pronouns make a comments section; a report is not set aside', () => {
  const lines = [
    'Ruritania attacked Freedonia on Monday.',
    'Freedonia accused Ruritania of war crimes.',
    'What a disgrace! Ruritania should withdraw now!',
    'Freedonia deserves better. About time someone condemned Ruritania!',
    'Typical. Ruritania never learns!',
    'Ruritania must apologise to Freedonia!',
  ];
  const doc = docFromLines(lines, entitiesIn(lines));
  const genre = passageGenre(doc);
  assert.equal(genre.opinion(0), undefined);
  assert.equal(genre.opinion(1), undefined);
  for (let i = 2; i < lines.length; i++) assert.equal(genre.opinion(i), commentSectionRule, `sentence ${i}`);
  const types = (codeEvents(doc).events ?? []).map((e) => e.type);
  assert.deepEqual(types, ['ASSAULT', 'ACCUSE']);
});
