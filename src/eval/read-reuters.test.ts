import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readReuters, reflowReuters, storyText } from './read-reuters.js';

const sgml = readFileSync('test/fixtures/eval/reuters-mini/reut2-000.sgm', 'latin1');

test('reads every story with a body: id, split, date and the text as the wire gave it', () => {
  const stories = readReuters(sgml);
  assert.deepEqual(
    stories.map((s) => [s.id, s.split, s.date]),
    [
      ['1', 'TEST', '1987-03-03'],
      ['2', 'TRAIN', '1987-03-03'],
      ['3', 'TEST', '1987-03-04'],
    ],
  );
  const first = stories[0]?.text ?? '';
  assert.ok(first.startsWith('VELMAR DOCK STRIKE TO END\n    VELMAR, March 3 - The port authority'));
  assert.ok(first.includes('overtime pay & shift\nrules'), 'entities decoded, line breaks kept');
  assert.ok(first.endsWith('on Friday.\n Reuter\n'));
  assert.equal(/[<>]/.test(first), false, 'no tags');
  assert.equal(
    [...first].some((c) => c.charCodeAt(0) < 0x09),
    false,
    'no control characters',
  );
  assert.ok(stories[2]?.text.startsWith('ORVAN MILLS <ORV> 4TH QTR NET\n'));
  assert.equal(stories[0]?.title, 'VELMAR DOCK STRIKE TO END');
  assert.deepEqual(stories[0]?.places, ['fictland']);
  assert.ok(stories[0]?.body?.startsWith('The port authority'), 'the body without its dateline');
  assert.ok(stories[0]?.body?.endsWith('on Friday.\n Reuter'));
});

test('story text drops the wire control codes but keeps tabs and line breaks', () => {
  assert.equal(storyText('&#2;\n<TITLE>A</TITLE>\n<BODY>x\ty\n&#3;</BODY>'), 'A\nx\ty\n');
});

test('reflowing joins lines inside a paragraph, keeps the headline and indented lines apart, keeps length', () => {
  const text = 'HEADLINE\n    CITY - First line of\nthe lead.\n    Second paragraph\ncontinues.\n\n Reuter\n';
  const reflowed = reflowReuters(text);
  assert.equal(reflowed.length, text.length);
  assert.equal(
    reflowed,
    'HEADLINE\n    CITY - First line of the lead.\n    Second paragraph continues.\n\n Reuter\n',
  );
});
