import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorKey, periodOf, periodRange } from './workspace-relations.js';

test('a period key covers its days: months to their last day, ISO weeks Monday to Sunday', () => {
  assert.deepEqual(periodRange('m:2024-02'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(periodRange('m:2023-12'), { from: '2023-12-01', to: '2023-12-31' });
  assert.deepEqual(periodRange('d:2024-05-16'), { from: '2024-05-16', to: '2024-05-16' });
  // 2024-W20 is Monday 13 May to Sunday 19 May; 2021-W01 starts on 4 January; 2020-W53 ends in 2021.
  assert.deepEqual(periodRange('w:2024-W20'), { from: '2024-05-13', to: '2024-05-19' });
  assert.deepEqual(periodRange('w:2021-W01'), { from: '2021-01-04', to: '2021-01-10' });
  assert.deepEqual(periodRange('w:2020-W53'), { from: '2020-12-28', to: '2021-01-03' });
  for (const bad of ['m:2024-13', 'd:2024-02-30', 'w:2024-W54', '2024-05', 'x:2024']) {
    assert.equal(periodRange(bad), null, bad);
  }
});

test('periods given loosely take the granularity; actors are keyed as the counts key them', () => {
  assert.equal(periodOf('2024-05', 'month'), 'm:2024-05');
  assert.equal(periodOf('w:2024-W20', 'month'), 'w:2024-W20');
  assert.equal(periodOf('2024-05', 'day'), null);
  assert.equal(actorKey(' rus '), 'RUS');
  assert.equal(actorKey('rus.gov'), 'RUS.GOV');
  assert.equal(actorKey('country:TUR'), 'TUR');
  assert.equal(actorKey('person:vladimir-putin'), 'person:vladimir-putin');
});
