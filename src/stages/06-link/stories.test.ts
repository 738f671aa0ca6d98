import assert from 'node:assert/strict';
import { test } from 'node:test';
import { report } from '../../../test/support/link-docs.js';
import { stem } from '../../core/text/stem-word.js';
import {
  addToCentroid,
  addToProfile,
  dayGap,
  indexKeys,
  lookupKeys,
  pickStory,
  STORY_PARAMS,
  type StoryCandidate,
  storyFeatures,
  storyLabel,
  storyVector,
  storyWords,
} from './stories.js';

test('story words: stems of content words; stop words, one-letter words and short numbers left out', () => {
  const words = storyWords(
    'The ministers met in Beijing on 16 May 2024 and signed 3 deals worth 125000 dollars.',
  );
  assert.ok(words.has('minist') && words.has(stem('beijing')) && words.has('125000'));
  for (const gone of ['the', 'in', 'on', '16', '2024', '3']) assert.equal(words.has(gone), false, gone);
  assert.equal(storyWords('Talks, talks and more talks').get('talk'), 3);
});

const freq = {
  docs: 100,
  df: new Map([
    ['w:talk', 50],
    [`w:${stem('beijing')}`, 2],
    ['e:country:CHN', 40],
  ]),
};

function features(text: string, published = '2024-05-16') {
  return storyFeatures(report(text, { url: 'https://a.example/1', published }));
}

test('an article vector is TF-IDF per part, each part of unit length; a rare word outweighs a common one', () => {
  const v = storyVector(features('Talks in Beijing\nTalks in Beijing went on.'), freq);
  const norm = Math.hypot(...Object.values(v.body));
  assert.ok(Math.abs(norm - 1) < 1e-9);
  assert.ok((v.body[stem('beijing')] as number) > (v.body.talk as number));
  assert.deepEqual(v.entities, {});
});

test('day gap: zero inside a story range, whole days outside, zero when undated', () => {
  assert.equal(dayGap('2024-05-16', '2024-05-15', '2024-05-17'), 0);
  assert.equal(dayGap('2024-05-20', '2024-05-15', '2024-05-17'), 3);
  assert.equal(dayGap('2024-05-10', '2024-05-15', '2024-05-17'), 5);
  assert.equal(dayGap(null, '2024-05-15', '2024-05-17'), 0);
});

test('pickStory: the best story at or above the threshold; nothing for an unrelated text or outside the window', () => {
  const f1 = features('Pipeline deal signed\nGazprom and CNPC signed a pipeline contract in Beijing.');
  const f2 = features('Floods in Nairobi\nHeavy rains flooded Nairobi and displaced thousands of families.');
  const pipeline: StoryCandidate = {
    id: 1,
    first: '2024-05-16',
    last: '2024-05-16',
    centroid: addToCentroid(null, storyVector(f1, freq)),
  };
  const floods: StoryCandidate = {
    id: 2,
    first: '2024-05-16',
    last: '2024-05-16',
    centroid: addToCentroid(null, storyVector(f2, freq)),
  };
  const copy = storyVector(
    features('Pipeline contract\nCNPC and Gazprom signed the pipeline contract in Beijing.'),
    freq,
  );
  assert.equal(pickStory(copy, '2024-05-17', [floods, pipeline])?.id, 1);
  const other = storyVector(features('Election results\nVoters in Chile elected a new parliament.'), freq);
  assert.equal(pickStory(other, '2024-05-17', [floods, pipeline]), null);
  const late = '2024-06-30';
  assert.equal(pickStory(copy, late, [pipeline]), null, `more than ${STORY_PARAMS.windowDays} days later`);
});

test('a centroid sums vectors and keeps the heaviest terms; index and lookup keys are prefixed, events never looked up', () => {
  const f = features('Putin meets Xi\nPutin met Xi in Beijing.');
  f.entities.set('person:vladimir-putin', 2);
  f.entities.set('event:CONSULT', 1);
  const v = storyVector(f, freq);
  const c = addToCentroid(addToCentroid(null, v), v);
  assert.equal(c.n, 2);
  const b = stem('beijing');
  assert.ok(Math.abs((c.body[b] as number) - 2 * (v.body[b] as number)) < 1e-3);
  assert.ok(lookupKeys(v).includes('e:person:vladimir-putin'));
  assert.ok(lookupKeys(v).every((k) => /^(w|e):/.test(k) && !k.startsWith('e:event:')));
  assert.ok(indexKeys(c).includes(`w:${b}`));
});

test('label: main actors (people first on a tie) and the most reported event, else the first headline', () => {
  const f = features('Putin meets Xi\nThey met.');
  f.names.set('country:CHN', 'China');
  f.names.set('person:xi-jinping', 'Xi Jinping');
  f.eventTypes.push('CONSULT');
  assert.equal(storyLabel(addToProfile(null, f)), 'Xi Jinping, China: CONSULT');
  assert.equal(storyLabel(addToProfile(null, features('Quiet day\nNothing happened.'))), 'Quiet day');
});
