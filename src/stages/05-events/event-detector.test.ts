import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventDetector, judgeSentence } from './event-detector.js';

test('event detector: the committed model loads, and scores are probabilities', () => {
  const detector = eventDetector();
  assert.deepEqual([...detector.labels].sort(), ['EVENT', 'NONE']);
  for (const s of ['', 'Troops shelled the town.', 'x'.repeat(10_000)]) {
    const p = judgeSentence(s).event;
    assert.ok(p >= 0 && p <= 1, `${p}`);
  }
});

test('event detector: a match report scores below an attack report', () => {
  const sport = judgeSentence(
    'The striker scored twice as the home side beat their rivals 3-1 in the league.',
  );
  const attack = judgeSentence(
    'Militants attacked a police station and killed four officers, the army said.',
  );
  assert.ok(sport.event < attack.event, `${sport.event} vs ${attack.event}`);
  assert.equal(sport.model, 'events-2');
});
