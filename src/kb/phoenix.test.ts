import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePlace } from './gazetteer.js';
import { phoenixActor, phoenixBySurname, phoenixPlaceCountry, readCode, roleOn } from './phoenix.js';
import { sectorForWord } from './sectors.js';

test('CAMEO codes read as country and sector', () => {
  assert.deepEqual(readCode('USAGOV'), { country: 'USA', sector: 'GOV' });
  assert.deepEqual(readCode('AFGGOVAGR'), { country: 'AFG', sector: 'GOV' });
  assert.deepEqual(readCode('IGOUNOIAE'), { sector: 'IGO' });
  assert.deepEqual(readCode('MNC'), { sector: 'BUS' });
  assert.deepEqual(
    readCode('USRMIL'),
    { country: 'RUS', sector: 'MIL' },
    'historic states read as successor',
  );
  assert.deepEqual(
    readCode('IRQRADMUS'),
    { country: 'IRQ', sector: 'REL' },
    'a code without a sector is skipped',
  );
  assert.deepEqual(readCode('PSEREBHMS'), { country: 'PSE', sector: 'REB' });
});

test('a role is chosen by the date: dated roles, then the undated one', () => {
  const roles: [string, string?, string?][] = [
    ['USAELI', '1929-01-01', '1981-01-20'],
    ['USAGOV', '1981-01-20', '1989-01-20'],
    ['USAELI'],
  ];
  assert.equal(roleOn(roles, '1987-03-27')?.[0], 'USAGOV');
  assert.equal(roleOn(roles, '1975-06-01')?.[0], 'USAELI');
  assert.equal(roleOn(roles, '2010-01-01')?.[0], 'USAELI', 'after every dated role: the undated one');
  assert.equal(
    roleOn([['RUSGOV', '2008-05-08'], ['RUSELI']], undefined)?.[0],
    'RUSGOV',
    'no date: the open-ended role',
  );
  assert.deepEqual(
    roleOn([['USAGOV', '1981-01-20', '1989-01-20']], '2010-01-01'),
    ['USA'],
    'outside every role: the country only',
  );
  assert.equal(
    roleOn([['USAGOV', '1981-01-20', '1989-01-20']], '1970-01-01'),
    undefined,
    'nothing before the first role',
  );
});

test('people resolve by name and by a lone surname on the document date', () => {
  assert.equal(phoenixActor('Ronald Reagan', '1987-03-27')?.code, 'USAGOV');
  assert.equal(phoenixActor('Ronald Reagan', '1976-01-01')?.code, 'USAELI', 'before his presidency');
  assert.equal(phoenixBySurname('Reagan', '1987-03-27')?.country, 'USA');
  // Two Nakasones are listed; on a 1987 date only Yasuhiro held a dated role.
  assert.equal(phoenixBySurname('Nakasone', '1987-03-27')?.entry, 'yasuhiro nakasone');
  assert.equal(phoenixBySurname('Nakasone'), undefined, 'ambiguous without a date');
  assert.equal(phoenixActor('Vladimir Putin', '2024-05-16')?.code, 'RUSGOV');
  assert.equal(phoenixActor('IAEA')?.sector, 'IGO');
  assert.equal(phoenixActor('Nobody Atall'), undefined);
});

test('agent nouns give sectors; our own list wins over the dictionary', () => {
  assert.equal(sectorForWord('naval'), 'MIL');
  assert.equal(sectorForWord('naval units'), 'MIL');
  assert.equal(sectorForWord('spokesman'), 'GOV', 'sectors.json says GOV (Phoenix: MED)');
  assert.equal(sectorForWord('sharecroppers'), 'AGR');
  assert.equal(sectorForWord('table'), undefined);
});

test('places: the dictionaries’ country entries and the gazetteer', () => {
  assert.equal(phoenixPlaceCountry('Kabul'), 'AFG');
  const harbin = resolvePlace('Harbin');
  assert.equal(harbin?.place.country, 'CHN');
  assert.ok(Math.abs((harbin?.place.lat ?? 0) - 45.75) < 0.1);
  assert.equal(resolvePlace('Kharkiv')?.place.country, 'UKR');
  // 21 Springfields: unresolved, unless the article names the country.
  assert.equal(resolvePlace('Springfield'), undefined);
  assert.equal(resolvePlace('Springfield', new Set(['USA']))?.choice, 'article-country');
  assert.equal(resolvePlace('Paris')?.place.country, 'FRA', 'the capital dwarfs the other Parises');
  assert.equal(resolvePlace('Qwxzzy'), undefined);
});
