import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isoDate, parseRole, plural, readActors, readAgents } from '../scripts/import-phoenix.js';
import { sharedData, skipWithoutData } from './support/shared-data.js';

const dir = sharedData('kb/petrarch2-dictionaries');

test('dates and roles as TABARI writes them', () => {
  assert.equal(isoDate('810120'), '1981-01-20');
  assert.equal(isoDate('080508'), '2008-05-08');
  assert.equal(isoDate('19290101'), '1929-01-01');
  assert.equal(isoDate('2004017'), undefined);
  assert.deepEqual(parseRole('USAGOV 810120-890120'), ['USAGOV', '1981-01-20', '1989-01-20']);
  assert.deepEqual(parseRole('IGOUNO  >070201'), ['IGOUNO', '2007-02-01']);
  assert.deepEqual(parseRole('ABCGOV <070201'), ['ABCGOV', '', '2007-02-01']);
  assert.deepEqual(parseRole('RUSELI'), ['RUSELI']);
  assert.equal(parseRole('KORGOVBUS 2004017-20061201'), undefined, 'a malformed date drops the role');
  assert.equal(parseRole('---'), undefined);
});

test('actor entries: synonyms, dated codes, country blocks as forms', () => {
  const text = [
    'AFGHANISTAN_  [AFG]',
    '+AFGHAN_',
    '+KABUL_',
    '# National Institutions',
    'AFGHAN_NATIONAL_ARMY',
    '+ANA',
    '\t[AFGMIL]',
    'RONALD_REAGAN_  # CountryInfo.txt',
    '+PRESIDENT_REAGAN',
    '\t[USAGOV 810120-890120]',
    '\t[USAELI]',
    'IAEA_\t[IGOUNOIAE]# comment',
    'U.N._',
    'UN_SECRETARY_GENERAL',
    '\t[IGOUNO]',
  ].join('\n');
  const { actors, countryForms } = readActors(text);
  assert.equal(countryForms.get('kabul'), 'AFG');
  assert.equal(countryForms.get('afghanistan'), 'AFG');
  assert.deepEqual(
    actors.map((a) => a.n),
    [
      ['afghan national army', 'ana'],
      ['ronald reagan', 'president reagan'],
      ['iaea'],
      ['u.n.', 'un secretary general'],
    ],
  );
  assert.deepEqual(actors[1]?.r, [['USAGOV', '1981-01-20', '1989-01-20'], ['USAELI']]);
});

test('agents: plurals generated, given or refused; substitution sets expanded', () => {
  const agents = readAgents(
    [
      '!PERSON! = MAN, MEN',
      'NAVAL_UNIT [~MIL]',
      'POLICE {} [~COP]',
      'CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]',
      'SPOKES!PERSON!  [~MED]',
      'PARTY [~PTY]',
    ].join('\n'),
  );
  assert.equal(agents.get('naval units'), 'MIL');
  assert.equal(agents.get('police'), 'COP');
  assert.equal(agents.has('polices'), false);
  assert.equal(agents.get('chambers of commerce'), 'BUS');
  assert.equal(agents.get('spokesmen'), 'MED');
  assert.equal(agents.has('spokesmens'), false);
  assert.equal(agents.get('parties'), 'PTY');
  assert.equal(plural('bus'), 'buses');
});

test('the committed dictionaries are what the importer makes from the shared data', {
  skip: skipWithoutData(dir),
}, () => {
  const committed = JSON.parse(
    readFileSync(new URL('../models/phoenix-1/actors.json', import.meta.url), 'utf8'),
  ) as {
    actors: { n: string[] }[];
  };
  const made = [
    'Phoenix.Countries.actors.txt',
    'Phoenix.International.actors.txt',
    'Phoenix.MilNonState.actors.txt',
  ].flatMap((f) => readActors(readFileSync(join(dir, f), 'utf8')).actors);
  assert.equal(committed.actors.length, made.length);
  assert.deepEqual(committed.actors[1000]?.n, made[1000]?.n);
  const agents = JSON.parse(
    readFileSync(new URL('../models/phoenix-1/agents.json', import.meta.url), 'utf8'),
  ) as {
    agents: unknown[];
  };
  assert.equal(agents.agents.length, readAgents(readFileSync(join(dir, 'Phoenix.agents.txt'), 'utf8')).size);
});
