import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findRemoved } from './clean.js';
import { matchBoilerplate } from './remove-boilerplate.js';

const removedOf = (text: string, titleGiven = false) =>
  findRemoved(text, titleGiven).map((r) => ({ ...r, text: text.slice(r.start, r.end) }));

test('boilerplate matches whole lines, in any case, with trailing punctuation', () => {
  assert.equal(matchBoilerplate('ADVERTISEMENT'), 'clean:boilerplate.advertisement');
  assert.equal(matchBoilerplate('Story continues below advertisement'), 'clean:boilerplate.advertisement');
  assert.equal(matchBoilerplate('Read more:'), 'clean:boilerplate.navigation');
  assert.equal(
    matchBoilerplate('Read more: Xi and Putin sign energy deals'),
    'clean:boilerplate.read-more-link',
  );
  assert.equal(matchBoilerplate('Sign up for our   newsletter'), 'clean:boilerplate.newsletter');
  assert.equal(matchBoilerplate('The advertisement ran on Sunday.'), undefined);
  assert.equal(matchBoilerplate('Read more: the minister resigned on Friday after the vote.'), undefined);
});

test('boilerplate spans cover the trimmed line, not the line break', () => {
  const text = 'Headline here\r\n  Advertisement  \r\nThe body of the story continues here.';
  const removed = removedOf(text);
  assert.equal(removed.length, 1);
  assert.equal(removed[0]?.text, 'Advertisement');
  assert.equal(removed[0]?.reason, 'boilerplate');
});

test('the second copy of a repeated sentence is removed, pointing at the first', () => {
  const text =
    'Headline here\nTalks opened in Geneva on Monday morning. Delegates arrived late.\n' +
    'Oil prices were flat. Talks opened in  Geneva on Monday morning.';
  const removed = removedOf(text);
  assert.equal(removed.length, 1);
  assert.equal(removed[0]?.text, 'Talks opened in  Geneva on Monday morning.');
  assert.equal(removed[0]?.reason, 'duplicate-sentence');
  assert.equal(removed[0]?.rule, 'clean:duplicate-sentence');
  assert.equal(removed[0]?.duplicateOf, text.indexOf('Talks opened'));
});

test('a repeated multi-sentence paragraph is removed whole', () => {
  const para = 'The storm hit the coast at dawn. Thousands of homes lost power.';
  const text = `Storm hits coast\n\n${para}\n\nRepairs will take a week.\n\n${para}`;
  const removed = removedOf(text);
  assert.equal(removed.length, 1);
  assert.equal(removed[0]?.reason, 'duplicate-paragraph');
  assert.equal(removed[0]?.start, text.lastIndexOf(para));
  assert.equal(removed[0]?.end, text.length);
  assert.equal(removed[0]?.duplicateOf, text.indexOf(para));
});

test('short repeats and a repeated headline are kept', () => {
  const text =
    'Minister quits over budget row\nHe said: Yes. It is over.\nYes. It is over.\nMinister quits over budget row';
  assert.deepEqual(removedOf(text), []);
});

test('removed spans are sorted and do not overlap', () => {
  const text =
    'Headline here\nAdvertisement\nA long enough sentence to count as news.\nAdvertisement\n' +
    'A long enough sentence to count as news.\nShare this article\nA long enough sentence to count as news.';
  const removed = findRemoved(text);
  assert.equal(removed.length, 5);
  for (let i = 1; i < removed.length; i++) {
    assert.ok((removed[i - 1]?.end ?? 0) <= (removed[i]?.start ?? 0));
  }
});

test('a given title line is never removed as boilerplate', () => {
  assert.deepEqual(removedOf('Advertisement\n\nThe body of the story.', true), []);
  assert.equal(removedOf('Advertisement\n\nThe body of the story.', false).length, 1);
});

test('repeats match across any whitespace run; one changed character keeps a sentence', () => {
  const first = 'Rescue teams reached the village before noon.';
  const text =
    `Flood warning\n${first} Water kept rising.\n` +
    'Rescue\u00a0teams reached\tthe  village before noon. ' +
    'Rescue teams reached the village before noon! ' +
    'Rescue teams reached the village before moon.';
  const removed = removedOf(text);
  assert.equal(removed.length, 1);
  assert.equal(removed[0]?.text, 'Rescue\u00a0teams reached\tthe  village before noon.');
  assert.equal(removed[0]?.duplicateOf, text.indexOf(first));
});

test('a paragraph repeated with other line breaks is removed whole; a different ending is kept', () => {
  const para = 'The bridge reopened on Friday. Traffic was light all day.';
  const text =
    `Bridge reopens\n\n${para}\n\nThe bridge reopened on Friday. Traffic was heavy all week.\n\n` +
    'The bridge reopened on Friday.  Traffic was\nlight all day.';
  const removed = removedOf(text);
  const paragraphs = removed.filter((r) => r.reason === 'duplicate-paragraph');
  assert.equal(paragraphs.length, 1);
  assert.equal(paragraphs[0]?.start, text.lastIndexOf('The bridge reopened'));
  assert.equal(paragraphs[0]?.duplicateOf, text.indexOf(para));
  // The paragraph with another ending loses only its repeated first sentence.
  const middle = text.indexOf('The bridge reopened', text.indexOf(para) + para.length);
  const inMiddle = removed.filter((r) => r.start >= middle && r.start < text.lastIndexOf('The bridge'));
  assert.deepEqual(
    inMiddle.map((r) => [r.reason, r.text]),
    [['duplicate-sentence', 'The bridge reopened on Friday.']],
  );
});

test('notices that are sentences (copyright, credits, cookies, sign-up and share prompts) are boilerplate lines', () => {
  assert.equal(
    matchBoilerplate('Copyright 2024 Reuters. All rights reserved.'),
    'clean:boilerplate.copyright',
  );
  assert.equal(matchBoilerplate('© 2024 The Daily Example Ltd.'), 'clean:boilerplate.copyright');
  assert.equal(matchBoilerplate('Photo: Jane Doe/Example Agency'), 'clean:boilerplate.photo-credit');
  assert.equal(
    matchBoilerplate(
      'We use cookies to give you the best experience on our website. By continuing to browse, you agree to our use of cookies.',
    ),
    'clean:boilerplate.cookies',
  );
  assert.equal(matchBoilerplate('Sign up for our morning briefing.'), 'clean:boilerplate.newsletter-prompt');
  assert.equal(matchBoilerplate('Follow us on Twitter and Facebook.'), 'clean:boilerplate.share-prompt');
  // Article sentences that merely mention the words stay.
  assert.equal(matchBoilerplate('The photo was taken on Sunday, the agency said.'), undefined);
  assert.equal(
    matchBoilerplate(
      'Copyright lawyers for the studio said the lawsuit, filed in California on Monday, had no merit and would be fought in every court.',
    ),
    undefined,
  );
});
