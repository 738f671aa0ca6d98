import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertLinear } from '../../../../test/support/scaling.js';
import { boilerplateBlockRule, extractArticle } from './extract-article.js';
import { parseHtml } from './parse-html.js';

const para = (words: string) =>
  `${words} The ministry said on Tuesday that talks would resume next week, after a pause of several months.`;

/** A news page with everything an extractor should leave out around a short article. */
const PAGE = `<!doctype html><html lang="en"><head><title>Talks resume | The Daily Example</title></head>
<body class="has-sidebar comments-open">
<div id="cookie-consent"><p>We use cookies to improve your experience. By continuing you agree to our policy.</p></div>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li></ul></nav></header>
<main>
  <article class="story">
    <h1>Talks resume between the two capitals</h1>
    <div class="byline">By Ann Lee · May 16, 2024</div>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
    <div class="story-body">
      <p>${para('Negotiators from both sides met in Geneva for the first time since January.')}</p>
      <p>${para('The meeting, held behind closed doors, lasted more than six hours, officials said.')}</p>
      <h2>What comes next</h2>
      <p>${para('Both delegations are expected to return with revised proposals, diplomats said.')}</p>
      <ul><li>A ceasefire along the northern border, monitored by observers.</li>
      <li>An exchange of prisoners before the end of the month.</li></ul>
      <blockquote><p>“We are closer than we have been in a year,” the envoy told reporters.</p></blockquote>
      <figure><img src="x.jpg"><figcaption>The delegations at the start of the talks in Geneva.</figcaption></figure>
      <div class="ad-slot"><p>Advertisement. Subscribe to our premium plan for only $1 a week, cancel anytime.</p></div>
      <p>${para('A third round is planned for June, according to the foreign ministry.')}</p>
      <div class="newsletter-signup"><p>Sign up for our morning newsletter and get the top stories in your inbox every day.</p></div>
    </div>
  </article>
  <section class="related-stories"><h2>Related</h2>
    <p><a href="/a">Earlier talks collapsed over the question of observers, which both sides had rejected in writing</a></p>
    <p><a href="/b">Who are the negotiators? A guide to the delegations and what each of them wants</a></p>
  </section>
  <section id="comments"><h2>3 comments</h2>
    <p>I have been following this story for years and I honestly do not believe a word of what either side says about it.</p>
    <p>Finally some good news, although I suspect the talks will collapse again before the summer is over, as they always do.</p>
  </section>
</main>
<aside class="sidebar"><p>Most read: the ten best beaches in Europe this summer, ranked by our travel desk after a long tour.</p></aside>
<footer class="site-footer"><p>© 2024 The Daily Example. All rights reserved. Contact us at the address below for any question.</p></footer>
</body></html>`;

function extract(html: string) {
  const parsed = parseHtml(html);
  return extractArticle(parsed.root, parsed.elements);
}

test('the article is extracted as typed blocks, without the page around it', () => {
  const x = extract(PAGE);
  const texts = x.blocks.map((b) => `${b.type}: ${b.text.slice(0, 40)}`);
  assert.deepEqual(texts, [
    'paragraph: Negotiators from both sides met in Genev',
    'paragraph: The meeting, held behind closed doors, l',
    'heading: What comes next',
    'paragraph: Both delegations are expected to return ',
    'list-item: A ceasefire along the northern border, m',
    'list-item: An exchange of prisoners before the end ',
    'quote: “We are closer than we have been in a ye',
    'caption: The delegations at the start of the talk',
    'paragraph: A third round is planned for June, accor',
  ]);
  assert.equal(x.blocks[2]?.level, 2);
  assert.equal(x.attempt, 'regions');
  assert.ok((x.pruned['extract:region.ads'] ?? 0) > 0, JSON.stringify(x.pruned));
  assert.ok((x.pruned['extract:region.newsletter'] ?? 0) > 0, JSON.stringify(x.pruned));
});

test('comments, related links, cookie notices, navigation and rails never come out', () => {
  const all = extract(PAGE)
    .blocks.map((b) => b.text)
    .join('\n');
  for (const words of [
    'cookies',
    'following this story',
    'Earlier talks',
    'Most read',
    'All rights',
    'Business',
  ]) {
    assert.ok(!all.includes(words), `"${words}" leaked into the article`);
  }
});

test('<br><br> separates paragraphs; a single <br> is a line break inside one', () => {
  const x = extract(
    `<div class="post"><div>${para('First paragraph, written with breaks.')}<br>${para('Same block.')}<br><br>${para('Second one.')}</div></div>`,
  );
  assert.equal(x.blocks.length, 2);
  assert.ok(x.blocks[0]?.text.includes('\n'));
  assert.ok(!x.blocks[1]?.text.includes('\n'));
});

test('text hidden by a style is left out, unless the names say it is gated article text', () => {
  const x = extract(
    `<article><p>${para('Visible lead.')}</p><div style="display:none"><p>${para('Hidden promo.')}</p></div>` +
      `<div class="subscriber-only" style="display: none"><p>${para('Gated second paragraph.')}</p></div></article>`,
  );
  const all = x.blocks.map((b) => b.text).join(' ');
  assert.ok(all.includes('Visible lead') && all.includes('Gated second'));
  assert.ok(!all.includes('Hidden promo'));
});

test('infinite scroll: of several stacked articles, the first is the page’s', () => {
  const story = (n: number) =>
    `<article><h2>Story ${n}</h2>${[1, 2, 3].map((k) => `<p>${para(`Story ${n}, paragraph ${k}.`)}</p>`).join('')}</article>`;
  const x = extract(`<main><div class="feed">${story(1)}${story(2)}${story(3)}</div></main>`);
  const all = x.blocks.map((b) => b.text).join(' ');
  assert.ok(all.includes('Story 1, paragraph 3'));
  assert.ok(!all.includes('Story 2'));
});

test('a page of links only gives no article; an empty page gives nothing and does not throw', () => {
  assert.deepEqual(extract('<ul><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ul>').blocks, []);
  assert.deepEqual(extract('').blocks, []);
  assert.deepEqual(extract('<<<>>>&&&').blocks, []);
});

test('extraction time grows linearly with the page', () => {
  const page = (n: number) =>
    `<main>${Array.from({ length: n }, (_, i) => `<div class="c${i % 50}"><p>${para(`Paragraph ${i}.`)}</p><a href="#">x</a></div>`).join('')}</main>`;
  const parsed = (n: number) => parseHtml(page(n));
  assertLinear('extracting a long page', parsed, (p) => extractArticle(p.root, p.elements), 4000);
});

test('furniture by what it says: copyright, affiliate notes, newsletter prompts, credits', () => {
  assert.equal(
    boilerplateBlockRule('© 2024 Example Media. All rights reserved.'),
    'extract:boilerplate.copyright',
  );
  assert.equal(
    boilerplateBlockRule('We may earn a commission from links on this page.'),
    'extract:boilerplate.affiliate',
  );
  assert.equal(
    boilerplateBlockRule('Sign up for our weekly newsletter to get the best stories in your inbox.'),
    'extract:boilerplate.newsletter',
  );
  assert.equal(boilerplateBlockRule('Photo: Ann Lee for Example News'), 'extract:boilerplate.credit');
  assert.equal(boilerplateBlockRule('The minister said she would sign up for the scheme.'), undefined);
  assert.equal(boilerplateBlockRule(`${'A long paragraph. '.repeat(20)}All rights reserved.`), undefined);
});

test('a heading that heads a link list or a comments box goes with it; one over article text stays', () => {
  const x = extract(
    `<article><p>${para('Lead.')}</p><h2>Background</h2><p>${para('Context.')}</p>` +
      '<h3>More stories</h3><ul><li><a href="/1">One story about something else entirely</a></li>' +
      `<li><a href="/2">Another story about something else again</a></li></ul><p>${para('Last.')}</p></article>`,
  );
  const headings = x.blocks.filter((b) => b.type === 'heading').map((b) => b.text);
  assert.deepEqual(headings, ['Background']);
});

test('captions by name or by their credit are caption blocks; a long block under such a name is not', () => {
  const x = extract(
    `<article><p>${para('Lead.')}</p><div class="wp-caption"><p>The harbour at dawn, seen from the old pier.</p></div>` +
      `<p>${para('Middle.')}</p><p>Crowds gathered outside the station on Monday. (Credit: Ann Lee)</p>` +
      `<div class="image-caption-area"><p>${para('A paragraph of the story inside a wrapper named like a caption.')} ${para('It runs on.')} ${para('And on, well past any caption.')} ${para('Still more text.')} ${para('The end.')}</p></div></article>`,
  );
  const types = x.blocks.map((b) => `${b.type}: ${b.text.slice(0, 20)}`);
  assert.deepEqual(types, [
    'paragraph: Lead. The ministry s',
    'caption: The harbour at dawn,',
    'paragraph: Middle. The ministry',
    'caption: Crowds gathered outs',
    'paragraph: A paragraph of the s',
  ]);
});

test('embedded posts, teaser cards and the list under a "Don’t miss" heading are left out', () => {
  const card = (n: number) =>
    `<div class="card"><a href="/s${n}"><h3>Another story number ${n} about something else</h3></a><p>A short description of story ${n}.</p></div>`;
  const x = extract(
    `<article><p>${para('Lead.')}</p><blockquote class="twitter-tweet"><p>Some post on a social network with a link pic.twitter.com/abc</p>— Someone (@someone) May 16, 2024</blockquote>` +
      `<p>${para('Middle.')}</p><h3>Don't miss:</h3><ul><li>A promotion for a product that pays, written as a full sentence for you.</li><li>Another promotion, also written as a sentence that ends with a full stop.</li></ul>` +
      `<p>${para('Last.')}</p><div class="more">${card(1)}${card(2)}</div></article>`,
  );
  const all = x.blocks.map((b) => b.text).join('\n');
  assert.ok(all.includes('Lead.') && all.includes('Middle.') && all.includes('Last.'));
  for (const leak of ['social network', '@someone', "Don't miss", 'promotion', 'short description']) {
    assert.ok(!all.includes(leak), `"${leak}" leaked into the article`);
  }
  assert.ok((x.pruned['extract:teaser'] ?? 0) > 0, JSON.stringify(x.pruned));
});

test('more furniture by what it says: disclaimers, paywalls, editorial policies, citations, legal lines', () => {
  const cases: [string, string | undefined][] = [
    [
      'Disclaimer: No rights or credit claimed for any images featured on this site.',
      'extract:boilerplate.disclaimer',
    ],
    ['Keep reading for as low as $1.99!', 'extract:boilerplate.paywall'],
    [
      'This article has been reviewed according to our editorial process and policies.',
      'extract:boilerplate.editorial-policy',
    ],
    [
      'More information: A. Author et al, A title, Science (2023). DOI: 10.1126/science.abc1234',
      'extract:boilerplate.citation',
    ],
    ['Example is a registered trademark of Example Media, LLC.', 'extract:boilerplate.legal'],
    ['We noticed you’re using an ad blocker.', 'extract:boilerplate.ad-blocker'],
    ["We noticed you're using an ad blocker.", 'extract:boilerplate.ad-blocker'],
    ['Anna Lee of Reuters contributed to this report.', 'extract:boilerplate.credit'],
    ['The report said the editorial board met on Monday to discuss the budget.', undefined],
    ['Researchers said the findings were published in Science on Monday.', undefined],
  ];
  for (const [text, rule] of cases) assert.equal(boilerplateBlockRule(text), rule, text);
});
