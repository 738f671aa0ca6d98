import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPetrarchRecords } from './read-petrarch-records.js';

// A record file written here in the unit-test format (not PETRARCH's data).
const xml = `<Validation>
<Sentences>
<!-- <Sentence date="20000101" id="COMMENTED" category="X" sentence="true"><Text>gone</Text></Sentence> -->
<Sentence date="19950101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="AAA" targetcode="BBB" eventcode="042"></EventCoding>
<EventCoding sourcecode='BBB' targetcode="AAA" eventcode="043"></EventCoding>
<Text>
Aland visited
Bland &amp; met its leaders.
</Text>
<Parse>(ROOT (S (NP (NNP Aland))))</Parse>
</Sentence>
<Sentence date = "20080801" id ="T-02" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>CITY: -- nothing</Text>
</Sentence>
<Sentence date="19950101" id="T-03" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences>
</Validation>`;

test('records: triples, noevents, error records skipped, comments ignored', () => {
  const { records, skipped } = readPetrarchRecords(xml);
  assert.deepEqual(
    records.map((r) => r.id),
    ['T-01', 'T-03'],
  );
  const first = records[0];
  assert.equal(first?.text, 'Aland visited Bland & met its leaders.');
  assert.equal(first?.date, '1995-01-01');
  assert.deepEqual(first?.triples, [
    { source: 'AAA', target: 'BBB', code: '042' },
    { source: 'BBB', target: 'AAA', code: '043' },
  ]);
  assert.deepEqual(records[1]?.triples, []);
  assert.equal(skipped.length, 1);
  assert.match(skipped[0] as string, /T-02/);
});
