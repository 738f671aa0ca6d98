import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeEntities, readTimeML, stripTags } from './read-timeml.js';

const fixture = 'test/fixtures/time/mini-timeml/news/harbour-strike.tml';

test('reads the DCT, the id and the TEXT body with TIMEX3 spans in the stripped text', () => {
  const doc = readTimeML(readFileSync(fixture, 'utf8'), 'fallback');
  assert.equal(doc.id, 'harbour-strike');
  assert.equal(doc.dct, '2021-03-11');
  assert.equal(doc.text.includes('<'), true, 'the decoded &lt; is text');
  assert.equal(doc.text.includes('EVENT'), false);
  assert.deepEqual(
    doc.timexes.map((t) => [t.text, t.type, t.value, t.tid]),
    [
      ['Tuesday', 'DATE', '2021-03-09', 't1'],
      ['2019', 'DATE', '2019', 't2'],
      ['two weeks', 'DURATION', 'P2W', 't3'],
    ],
  );
  for (const t of doc.timexes) assert.equal(doc.text.slice(t.start, t.end), t.text);
});

test('entities are decoded and offsets after them stay consistent', () => {
  const { text, timexes } = stripTags(
    'A &amp; B <TIMEX3 tid="t1" type="DATE" value="2020">2020</TIMEX3> &#233;t&#xE9;',
  );
  assert.equal(text, 'A & B 2020 été');
  assert.equal(timexes[0]?.start, 6);
  assert.equal(text.slice(timexes[0]?.start, timexes[0]?.end), '2020');
});

test('TIMEX3 inside another tag, comments and unknown entities', () => {
  const { text, timexes } = stripTags(
    '<!-- note --><SIGNAL sid="s1">on <TIMEX3 tid="t1" type="DATE" value="X" mod="START">early May</TIMEX3></SIGNAL> &bogus; end',
  );
  assert.equal(text, 'on early May &bogus; end');
  assert.deepEqual(timexes[0] && [timexes[0].start, timexes[0].end, timexes[0].mod], [3, 12, 'START']);
});

test('decodeEntities leaves text without entities alone', () => {
  assert.equal(decodeEntities('plain'), 'plain');
  assert.equal(decodeEntities('&quot;x&apos;'), `"x'`);
});

test('a document without TEXT throws a message naming the document', () => {
  assert.throws(() => readTimeML('<TimeML></TimeML>', 'x.tml'), /no <TEXT>.*x\.tml/);
});
