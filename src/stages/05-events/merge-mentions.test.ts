import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewsEvent } from '../../core/doc.js';
import { analyze } from '../../pipeline.js';
import { mergeMentions, sameHappening } from './merge-mentions.js';

const event = (over: Partial<NewsEvent>): NewsEvent => ({
  start: 0,
  end: 10,
  type: 'CONSULT',
  mode: 'visit',
  status: 'asserted',
  cameo: '042',
  trigger: { start: 0, end: 3 },
  sentence: 0,
  rule: 'events:test',
  actor: { start: 0, end: 1, text: 'Putin', entity: 'person:vladimir-putin', country: 'RUS' },
  recipient: { start: 2, end: 3, text: 'China', entity: 'country:CHN', country: 'CHN' },
  ...over,
});

test('the same type, sides and compatible dates are one happening; anything else is not', () => {
  const a = event({});
  assert.equal(sameHappening(a, event({})), false, 'two triggers of one sentence are two acts');
  assert.equal(sameHappening(a, event({ sentence: 2 })), true);
  assert.equal(sameHappening(a, event({ status: 'future' })), false);
  assert.equal(sameHappening(a, event({ type: 'AGREE' })), false);
  assert.equal(
    sameHappening(a, event({ recipient: undefined })),
    false,
    'an unknown side is not known to agree',
  );
  assert.equal(
    sameHappening(
      a,
      event({ recipient: { start: 5, end: 7, text: 'Harbin', entity: 'city:harbin', country: 'CHN' } }),
    ),
    false,
    'the same country is not the same recipient',
  );
  const dated = (date: string, sentence = 1) => event({ date, dateFrom: 'text', sentence });
  assert.equal(sameHappening(dated('2024-05-16'), dated('2024-05', 2)), true);
  assert.equal(sameHappening(dated('2024-05-16'), dated('2024-05-17', 2)), false);
  assert.equal(
    sameHappening(dated('2024-05-16'), event({ date: '2024-05-20', dateFrom: 'document', sentence: 2 })),
    true,
  );
});

test('merged mentions keep the first, list every mention and take a date of their own clause', () => {
  const first = event({ date: '2024-05-20', dateFrom: 'document' });
  const second = event({
    sentence: 3,
    start: 40,
    end: 60,
    date: '2024-05-16',
    dateFrom: 'text',
    dateGranularity: 'day',
  });
  const other = event({ type: 'ACCUSE', cameo: '111', sentence: 4 });
  const out = mergeMentions([first, second, other]);
  assert.equal(out.length, 2);
  assert.deepEqual(
    out[0]?.mentions?.map((m) => m.sentence),
    [0, 3],
  );
  assert.equal(out[0]?.date, '2024-05-16');
  assert.equal(out[0]?.dateFrom, 'text');
});

test('an article telling one visit twice codes one event with both mentions', () => {
  const a = analyze(
    'Putin arrived in China on Thursday. Putin landed in China hours later. Putin also met Xi in Beijing.',
    { published: '2024-05-16' },
  );
  const visits = a.events.filter(
    (e) => e.type === 'CONSULT' && e.recipient?.country === 'CHN' && e.mode === 'visit',
  );
  const arrival = visits.find((e) => e.mentions && e.mentions.length >= 2);
  assert.ok(arrival, `one event with its mentions: ${JSON.stringify(visits.map((e) => e.mentions?.length))}`);
  assert.deepEqual(
    arrival.mentions?.map((m) => m.sentence),
    [0, 1],
  );
});
