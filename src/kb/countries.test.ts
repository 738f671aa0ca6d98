import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countries, countrySurfaces } from './countries.js';
import { leaders, places, slugify } from './leaders.js';

test('country surfaces cover names, demonyms, capitals and news aliases', () => {
  assert.deepEqual(countrySurfaces.get('russian'), { surface: 'Russian', iso3: 'RUS', form: 'demonym' });
  assert.equal(countrySurfaces.get('south korea')?.iso3, 'KOR');
  assert.equal(countrySurfaces.get('new delhi')?.form, 'capital');
  assert.equal(countrySurfaces.get('u.s.')?.iso3, 'USA');
  assert.equal(countrySurfaces.get('kiev')?.iso3, 'UKR');
  assert.equal(countrySurfaces.get('french')?.iso3, 'FRA', 'independent states win over territories');
});

test('plural demonyms are generated where English forms them, and former names map to the state', () => {
  assert.equal(countrySurfaces.get('kenyans')?.iso3, 'KEN');
  assert.equal(countrySurfaces.get('kenyans')?.form, 'demonym');
  assert.equal(countrySurfaces.get('bangladeshis')?.iso3, 'BGD');
  assert.equal(countrySurfaces.get('chineses'), undefined, '-ese demonyms take no plural s');
  assert.equal(countrySurfaces.get('zaire')?.iso3, 'COD');
  assert.equal(countrySurfaces.get('croats')?.iso3, 'HRV');
});

test('ambiguous or word-like forms are left out', () => {
  assert.equal(countrySurfaces.get('male'), undefined);
  assert.equal(countrySurfaces.get('island'), undefined);
  assert.equal(countrySurfaces.get('dominican'), undefined, 'two states share the demonym');
  assert.equal(countrySurfaces.get('ru'), undefined, 'two-letter codes are noise');
});

test('countries carry coordinates, and capitals from places.json', () => {
  const rus = countries.get('RUS');
  assert.equal(rus?.name, 'Russia');
  assert.equal(typeof rus?.lat, 'number');
  assert.ok(rus?.capitalLat !== undefined && rus.capitalLat > 55 && rus.capitalLat < 56);
});

test('hand-written kb lists are well formed', () => {
  for (const l of leaders) {
    assert.ok(l.name && l.role && l.sector, `leader entry ${JSON.stringify(l)}`);
    if (l.country) assert.ok(countries.has(l.country), `unknown country ${l.country} for ${l.name}`);
  }
  for (const p of places) {
    if (p.country) assert.ok(countries.has(p.country), `unknown country ${p.country} for ${p.name}`);
    assert.ok(Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180);
  }
  assert.equal(slugify('Recep Tayyip Erdoğan'), 'recep-tayyip-erdogan');
});

test('misspeltCountry: one letter added, dropped or swapped; never changed, never a plural', async () => {
  const { misspeltCountry } = await import('./countries.js');
  assert.equal(misspeltCountry('Afganistan'), 'AFG');
  assert.equal(misspeltCountry('Germnay'), 'DEU');
  assert.equal(misspeltCountry('Irelands'), undefined);
  assert.equal(misspeltCountry('Roland'), undefined);
  assert.equal(misspeltCountry('Kenya'), undefined);
});
