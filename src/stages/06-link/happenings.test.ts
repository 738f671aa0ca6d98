import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dayRange,
  type HappeningKey,
  joinRange,
  mergeReason,
  pickHappening,
  sourceOf,
} from './happenings.js';
import { actorKeys, parseActor, periodKeys, relationDeltas } from './relations.js';

const rus = { country: 'RUS', sector: 'GOV', entity: null, text: 'Moscow' };
const chn = { country: 'CHN', sector: null, entity: null, text: 'China' };
const key = (over: Partial<HappeningKey> = {}): HappeningKey => ({
  type: 'CONSULT',
  actor: rus,
  recipient: chn,
  place: null,
  from: '2024-05-16',
  to: '2024-05-16',
  ...over,
});

test('an event is dated by its stated day or week, else by the report and the day before', () => {
  assert.deepEqual(dayRange('2024-05-16TMO', null), {
    from: '2024-05-16',
    to: '2024-05-16',
    day: '2024-05-16',
  });
  assert.deepEqual(dayRange('2024-W20', null), { from: '2024-05-13', to: '2024-05-19', day: '2024-05-13' });
  assert.deepEqual(dayRange('2024-05', '2024-05-16T08:00:00Z'), {
    from: '2024-05-15',
    to: '2024-05-16',
    day: '2024-05-16',
  });
  assert.equal(dayRange(undefined, null), null);
});

test('the outlet is the site name, else the host without www, else the uri', () => {
  const base = { uri: 'file:/x.txt', mediaType: 'text/plain' };
  assert.equal(sourceOf({ source: { ...base, url: 'https://www.bbc.co.uk/news/1' } }), 'bbc.co.uk');
  assert.equal(sourceOf({ source: { ...base, meta: { siteName: 'Reuters ' } } }), 'reuters');
  assert.equal(sourceOf({ source: base }), 'file:/x.txt');
});

test('merging needs the same type, compatible sides, place and dates within a day', () => {
  assert.match(
    mergeReason(key(), key()) ?? '',
    /^type CONSULT; actor RUS\/GOV; recipient CHN; dates overlap/,
  );
  assert.equal(mergeReason(key({ type: 'ACCUSE' }), key()), null);
  assert.equal(mergeReason(key({ recipient: { ...chn, country: 'USA' } }), key()), null);
  assert.ok(mergeReason(key({ actor: { ...rus, sector: null } }), key()), 'an unknown sector agrees');
  assert.equal(mergeReason(key({ actor: { ...rus, sector: 'MIL' } }), key()), null, 'two sectors disagree');
  assert.equal(mergeReason(key({ recipient: null }), key()), null, 'a side present in one only');
  assert.equal(mergeReason(key({ place: 'country:CHN' }), key({ place: 'country:RUS' })), null);
  assert.equal(mergeReason(key({ place: 'city:beijing' }), key({ place: 'city:shanghai' })), null);
  assert.ok(
    mergeReason(key({ place: 'city:beijing' }), key({ place: 'country:CHN' })),
    'a country and a city',
  );
  assert.match(mergeReason(key({ from: '2024-05-17', to: '2024-05-17' }), key()) ?? '', /1 day apart/);
  assert.equal(mergeReason(key({ from: '2024-05-19', to: '2024-05-19' }), key()), null);
  // The country named as itself ("Russia") agrees with a person of that country ("Putin"); two people do not.
  const putin = { ...rus, entity: 'person:vladimir-putin', text: 'Putin' };
  const russia = { ...rus, sector: null, entity: 'country:RUS', text: 'Russia' };
  assert.ok(mergeReason(key({ actor: russia }), key({ actor: putin })), 'the country and its president');
  assert.equal(
    mergeReason(key({ actor: { ...putin, entity: 'person:sergei-lavrov' } }), key({ actor: putin })),
    null,
    'two people of one country',
  );
  assert.equal(
    mergeReason(key({ actor: { ...russia, entity: 'country:CHN' } }), key({ actor: putin })),
    null,
    "another country's entity under the same code is still another entity",
  );
});

test('the closest kept happening wins; a joined range narrows to the overlap', () => {
  const found = pickHappening(key({ from: '2024-05-16', to: '2024-05-17' }), [
    { ...key({ from: '2024-05-15', to: '2024-05-15' }), id: 1 },
    { ...key({ from: '2024-05-16', to: '2024-05-16' }), id: 2 },
  ]);
  assert.equal(found?.happening.id, 2);
  assert.deepEqual(
    joinRange({ from: '2024-05-13', to: '2024-05-19' }, { from: '2024-05-16', to: '2024-05-16' }),
    {
      from: '2024-05-16',
      to: '2024-05-16',
    },
  );
  assert.deepEqual(
    joinRange({ from: '2024-05-13', to: '2024-05-13' }, { from: '2024-05-14', to: '2024-05-14' }),
    {
      from: '2024-05-13',
      to: '2024-05-14',
    },
  );
});

test('relation keys: country, country.sector and entity; periods by day, ISO week and month', () => {
  assert.deepEqual(
    actorKeys({ ...rus, entity: 'person:vladimir-putin' }).map((k) => k.key),
    ['RUS', 'RUS.GOV', 'person:vladimir-putin'],
  );
  assert.deepEqual(
    actorKeys({ ...chn, entity: 'country:CHN' }).map((k) => k.key),
    ['CHN'],
  );
  assert.deepEqual(actorKeys(null), [{ key: '-', kind: 'none' }]);
  assert.deepEqual(parseActor('rus.gov'), { key: 'RUS.GOV', kind: 'sector' });
  assert.deepEqual(parseActor('person:x'), { key: 'person:x', kind: 'entity' });
  assert.deepEqual(periodKeys('2024-12-30'), ['d:2024-12-30', 'w:2025-W01', 'm:2024-12']);
});

test('a new happening adds an event and its score under every pair of names; a mention adds a mention', () => {
  const h = { type: 'CONSULT', quad: 1, goldstein: 3, actor: rus, recipient: chn, day: '2024-05-16' };
  const fresh = relationDeltas(h, true);
  assert.equal(fresh.length, 2 * 1 * 3);
  assert.ok(
    fresh.every((d) => d.events === 1 && d.mentions === 1 && d.goldsteinSum === 3 && d.goldsteinN === 1),
  );
  const again = relationDeltas(h, false);
  assert.ok(again.every((d) => d.events === 0 && d.mentions === 1 && d.goldsteinN === 0));
  assert.deepEqual(relationDeltas({ ...h, actor: null, recipient: null }, true), []);
});
