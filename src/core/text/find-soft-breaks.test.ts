import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertLinear } from '../../../test/support/scaling.js';
import { findSoftBreaks, MAX_WIDTH, MIN_WIDTH } from './find-soft-breaks.js';
import { scanLines } from './scan-lines.js';
import { segmentText } from './segment-text.js';

/** Greedy word wrap at `width` columns, as a mail client or a wire terminal does. */
function wrap(paragraph: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of paragraph.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.trim() === '' ? line + word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

const prose = [
  'The talks between the port operators and the union resumed on Monday, two weeks after they broke down over pay for the night shift.',
  'The mediator said both sides had agreed to meet every day until a deal is reached, and that the first sessions had gone better than expected.',
  'Shipping agents said about forty vessels were waiting outside the port and that clearing the backlog could take more than a week.',
];

/** The soft breaks as `i` for "line i continues into line i + 1". */
function softLines(text: string): number[] | undefined {
  const found = findSoftBreaks(text, scanLines(text));
  if (!found) return undefined;
  return [...found.soft.keys()].filter((i) => found.soft[i] === 1);
}

test('text wrapped at 70 columns: every break inside a paragraph is soft, blank lines stay', () => {
  const paragraphs = prose.map((p) => wrap(p, 70));
  const text = paragraphs.map((p) => p.join('\n')).join('\n\n');
  const lines = scanLines(text);
  const found = findSoftBreaks(text, lines);
  assert.ok(found, 'detected as hard-wrapped');
  assert.ok(found.width <= 70 && found.width >= 60, `width ${found.width}`);
  assert.equal(found.margin, 0);
  const expected: number[] = [];
  let line = 0;
  for (const p of paragraphs) {
    for (let k = 0; k + 1 < p.length; k++) expected.push(line + k);
    line += p.length + 1;
  }
  assert.deepEqual(softLines(text), expected);
  const seg = segmentText(text);
  assert.equal(seg.paragraphs.length, 3);
  assert.deepEqual(
    seg.sentences.map((s) => text.slice(s.start, s.end).replace(/\n/g, ' ')),
    prose,
    'one sentence per paragraph, whatever the line breaks',
  );
});

test('an indented line opens a paragraph (newswire), and the line before it is its own end', () => {
  const text = [...wrap(prose[0] as string, 62, '    '), ...wrap(prose[1] as string, 62, '    ')].join('\n');
  const seg = segmentText(text);
  assert.deepEqual(
    seg.paragraphs.map((p) => text.slice(p.start, p.end).replace(/\n/g, ' ')),
    prose.slice(0, 2),
  );
});

test('one paragraph per line, blank-line blocks, short lists and two lines are not hard-wrapped', () => {
  assert.equal(softLines(prose.join('\n')), undefined);
  assert.equal(softLines(`Headline\n\n${prose.join('\n\n')}`), undefined);
  const headlines = [
    'Port strike ends after two weeks',
    'Grain board cuts wheat estimate',
    'Fire at chemical plant under control',
    'Minister resigns over tender',
    'Rail fares to rise in April',
    'New bridge opens to traffic',
  ];
  assert.equal(softLines(headlines.join('\n')), undefined);
  assert.equal(
    softLines(
      wrap(prose[0] as string, 70)
        .slice(0, 2)
        .join('\n'),
    ),
    undefined,
  );
  const column = wrap(prose.join(' '), MIN_WIDTH - 8).join('\n');
  assert.equal(softLines(column), undefined, 'narrower than MIN_WIDTH: a column of short lines');
  const wide = prose.map((p) => wrap(`${p} ${p} ${p}`, MAX_WIDTH + 20).join('\n')).join('\n\n');
  assert.equal(softLines(wide), undefined, 'wider than MAX_WIDTH');
});

test('list items, quoted lines, table rows and short lines keep their breaks', () => {
  const body = wrap(prose[0] as string, 66);
  const lines = [
    ...body,
    '- first item of a list that is long enough to reach the wrap width',
    '* second item',
    '12. numbered item',
    '(3) another numbered item',
    '> a quoted line from an earlier message that is also long enough',
    'Site          Cabinets   Last check and some more words to be long',
    ...wrap(prose[1] as string, 66),
  ];
  const text = lines.join('\n');
  const soft = softLines(text);
  assert.ok(soft);
  const softSet = new Set(soft);
  for (let i = body.length - 1; i < body.length + 6; i++) {
    assert.equal(softSet.has(i), false, `break after line ${i} (${JSON.stringify(lines[i])}) is hard`);
  }
  assert.ok(softSet.has(0) && softSet.has(body.length + 6), 'the prose around them still joins');
});

test('a first line that runs on into the next is no headline; a short one is', () => {
  const body = wrap(`${prose[0]} ${prose[1]}`, 70);
  const wrapped = segmentText(body.join('\n'));
  assert.equal(wrapped.title, undefined);
  assert.equal(wrapped.sentences.length, 2);
  const titled = `Port talks resume\n${body.join('\n')}`;
  const seg = segmentText(titled);
  assert.equal(seg.title && titled.slice(seg.title.start, seg.title.end), 'Port talks resume');
  assert.equal(seg.paragraphs.length, 2);
});

test('CRLF line ends are read like LF', () => {
  const lf = prose.map((p) => wrap(p, 70).join('\n')).join('\n\n');
  assert.deepEqual(softLines(lf.replace(/\n/g, '\r\n')), softLines(lf));
});

test('detection and joining are linear: doubling the text at most ~2.2x the time', () => {
  const unit = prose.map((p) => wrap(p, 70).join('\n')).join('\n\n');
  const make = (copies: number) => Array.from({ length: copies }, () => unit).join('\n\n');
  assertLinear('segmenting hard-wrapped text', make, (text) => segmentText(text), 500);
  const lines = (text: string) => findSoftBreaks(text, scanLines(text));
  assertLinear('finding soft breaks', make, lines, 500);
});

test('a short line that ends on a function word ("on", "the") continues in wrapped text, and only there', () => {
  // A story whose first line lost its dateline: short, but "drop tariffs on" cannot end a sentence.
  const body = wrap(prose.join(' '), 70);
  const text = ['The ministers agreed to drop tariffs on', ...body, ''].join('\n');
  const soft = softLines(text);
  assert.ok(soft?.includes(0), 'the short first line continues');
  // The same short line in text that is not hard-wrapped keeps its break.
  const paragraphs = ['The ministers agreed to drop tariffs on', ...prose, ''].join('\n');
  assert.equal(softLines(paragraphs), undefined);
  // A short line ending a sentence keeps its break.
  const ended = ['The ministers agreed to drop tariffs.', ...body, ''].join('\n');
  assert.equal(softLines(ended)?.includes(0), false);
});

test('a short line whose sentence runs on into a lowercase line continues in wrapped text', () => {
  // A first line that lost its dateline and ends on a content word: no sentence opens in lowercase.
  const body = wrap(prose.join(' '), 70);
  const text = ['Kenya and Uganda agreed to set up a new', `company ${body[0]}`, ...body.slice(1), ''].join(
    '\n',
  );
  assert.ok(softLines(text)?.includes(0), 'the short first line continues');
  // Control: the same short line before a capitalised line keeps its break (a heading may end so) …
  const capital = ['Kenya and Uganda agreed to set up a new', `Company ${body[0]}`, ...body.slice(1), ''];
  assert.equal(softLines(capital.join('\n'))?.includes(0), false);
  // … and so does a short line that ends a sentence.
  const ended = ['Kenya and Uganda agreed on Monday.', `company ${body[0]}`, ...body.slice(1), ''];
  assert.equal(softLines(ended.join('\n'))?.includes(0), false);
});
