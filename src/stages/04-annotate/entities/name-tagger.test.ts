import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docFromText } from '../../../../test/support/test-doc.js';
import { tokenizeRange, tokenizeSentences } from '../../../core/tokens.js';
import { annotateEntities } from './annotate-entities.js';
import { harmonizeNames, nameTagger, type TaggedName, tagNames } from './name-tagger.js';

// These load the committed model (models/ner-2.model); nothing is trained here.

function names(text: string): string[] {
  const tokens = tokenizeSentences(text, [{ start: 0, end: text.length }]);
  return tagNames(tokens).map((n) => `${n.type}:${text.slice(tokens.start(n.from), tokens.end(n.to - 1))}`);
}

test('the committed model loads once, with its version in the rule id', () => {
  const tagger = nameTagger();
  assert.equal(tagger, nameTagger());
  assert.equal(tagger.model.header.version, 'ner-2');
  assert.equal(tagger.rule, 'ner:perceptron@ner-2');
  assert.deepEqual(tagger.model.tags.slice(0, 5), ['O', 'B-PER', 'I-PER', 'L-PER', 'U-PER']);
});

test('the tagger finds persons, organisations and places no list holds', () => {
  assert.deepEqual(
    names('Shares in Norsk Fiskeri Corp fell after Halvard Lindqvist flew to Tromso on Monday .'),
    ['ORG:Norsk Fiskeri Corp', 'PER:Halvard Lindqvist', 'LOC:Tromso'],
  );
});

test('a capitalised word opening a sentence is no name when news writes it in lowercase elsewhere', () => {
  // Words picked for being function words and adverbs, none of them from the seed article.
  for (const opener of ['Besides', 'Meanwhile', 'Nevertheless', 'Despite', 'Although']) {
    const found = names(`${opener} talks with Halvard Lindqvist in Tromso , the minister left .`);
    assert.ok(!found.some((n) => n.includes(opener)), `${opener}: ${found.join(', ')}`);
  }
});

test('fragments: a title standing alone reads as a name, a comma inside a sentence closes one', () => {
  const title = names('Lindqvist Memorial Arena ( Tromso , Norway )');
  assert.ok(
    title.some((n) => n.endsWith(':Lindqvist Memorial Arena')),
    title.join(', '),
  );
  for (const text of [
    'Putin met officials from the West , CNN reported .',
    'Putin met officials from the West, CNN reported.',
  ]) {
    const found = names(text);
    assert.ok(!found.some((n) => n.includes(',')), found.join(', '));
    assert.ok(found.includes('ORG:CNN'), found.join(', '));
  }
});

test('the document pass: a lone surname of a person named in full is that person', () => {
  const text = 'Dara Okonjo arrived. Later Okonjo left.';
  const tokens = tokenizeSentences(text, [
    { start: 0, end: 20 },
    { start: 21, end: text.length },
  ]);
  const at = (word: string) => {
    for (let i = 0; i < tokens.count; i++) if (tokens.surface(i) === word) return i;
    throw new Error(word);
  };
  const tagged: TaggedName[] = [
    { from: at('Dara'), to: at('Dara') + 2, type: 'PER', rule: 'm' },
    { from: at('Okonjo') + 0, to: at('Okonjo') + 1, type: 'PER', rule: 'm' },
  ];
  // The tagger called the second "Okonjo" a place: the pass makes it the person.
  const second = tokens.count - 3;
  const wrong: TaggedName[] = [
    tagged[0] as TaggedName,
    { from: second, to: second + 1, type: 'LOC', rule: 'm' },
  ];
  const out = harmonizeNames(tokens, wrong, 'doc');
  assert.deepEqual(
    out.map((n) => [n.type, n.rule]),
    [
      ['PER', 'm'],
      ['PER', 'doc'],
    ],
  );
  // Left untagged, it is added.
  const added = harmonizeNames(tokens, [tagged[0] as TaggedName], 'doc');
  assert.equal(added.length, 2);
  assert.equal(tokens.surface((added[1] as TaggedName).from), 'Okonjo');
});

test('entities: a tagged name resolves to the knowledge base and keeps the tagger class and rule', () => {
  const doc = docFromText(
    'Kenyan President William Ruto met Xinhua reporters in Nairobi. Ruto said the Kremlin called.',
  );
  const list = annotateEntities(doc).entities ?? [];
  const ruto = list.find((e) => e.type === 'person' && e.name.includes('Ruto'));
  assert.equal(ruto?.country, 'KEN');
  assert.equal(ruto?.mentions.length, 2);
  assert.equal(ruto?.mentions[1]?.ner, 'PER');
  const xinhua = list.find((e) => e.id === 'org:xinhua');
  assert.equal(xinhua?.sector, 'MED');
  assert.equal(xinhua?.mentions[0]?.rule, 'ner:perceptron@ner-2');
  assert.equal(xinhua?.mentions[0]?.ner, 'ORG');
  assert.ok(
    list.some(
      (e) => e.country === 'KEN' && e.mentions.some((m) => doc.text.slice(m.start, m.end) === 'Nairobi'),
    ),
  );
});

test('bad input: other scripts, all capitals and a 5,000-token sentence tag without error', () => {
  for (const text of [
    'Владимир Путин встретился с Си Цзиньпином в Пекине.',
    'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .',
    `${'Smith Jones '.repeat(2500)}.`,
    '',
  ]) {
    const tokens = tokenizeRange(text);
    const out = tagNames(tokens);
    for (const n of out) assert.ok(n.from < n.to && n.to <= tokens.count);
  }
});
