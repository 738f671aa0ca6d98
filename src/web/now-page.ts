import type { Story } from '../services/live-feed.js';
import { html, type SafeHtml } from './html.js';
import { workspaceLayout } from './workspace/layout.js';

/** The Now page's script, served as a file (the CSP allows no inline script). */
export const NOW_ASSETS = { js: '/static/tidings-now-2.js', css: '/static/tidings-now-2.css' } as const;

export const NOW_STYLE = `
.stories{list-style:none;padding:0;margin:0}
.story{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;align-items:center;padding:.6rem 0;border-bottom:1px solid var(--line)}
.story-head{grid-column:1}.story-facets{grid-column:1}.story .spark-link,.story .spark-none{grid-column:2;grid-row:1 / span 2}
.story-title{font-weight:600;margin-right:.5rem}.story-latest{margin-top:.15rem}
.spark{display:block;color:var(--accent)}
.story-new{animation:tidings-arrive 2s ease-out}
@keyframes tidings-arrive{from{background:#fff3b0}to{background:transparent}}
@media (prefers-reduced-motion:reduce){.story-new{animation:none}}
`;

/** Size of a sparkline, in CSS pixels: the server's and the script's drawings share it. */
const SPARK = { width: 112, height: 24 } as const;

/** `x,y` points of a sparkline of `counts` (the highest count reaches the top). */
function sparkPoints(counts: readonly number[]): string {
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? SPARK.width / (counts.length - 1) : 0;
  return counts
    .map(
      (n, i) => `${(i * step).toFixed(1)},${(SPARK.height - 1 - (n / max) * (SPARK.height - 2)).toFixed(1)}`,
    )
    .join(' ');
}

/** `1 Mar` … `14 Mar`: a story's days in a label. */
function spanText(story: Pick<Story, 'firstSeen' | 'lastSeen'>): string {
  if (!story.firstSeen) return 'undated';
  return story.firstSeen === story.lastSeen || !story.lastSeen
    ? story.firstSeen
    : `${story.firstSeen} to ${story.lastSeen}`;
}

function sparkLabel(s: NonNullable<Story['sparkline']>): string {
  const n = s.counts.reduce((a, b) => a + b, 0);
  return `${n} article${n === 1 ? '' : 's'} in the 14 days from ${s.from}`;
}

function sparkline(story: Story): SafeHtml {
  const s = story.sparkline;
  if (!s) return html`<span class="spark-none small muted">undated</span>`;
  const label = sparkLabel(s);
  return html`<a class="spark-link" href="/stories/${story.id}" title="${label}"><svg class="spark" role="img" aria-label="${label}" width="${SPARK.width}" height="${SPARK.height}" viewBox="0 0 ${SPARK.width} ${SPARK.height}"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${sparkPoints(s.counts)}"></polyline></svg></a>`;
}

/** One story in the list: what the script draws the same way for a story that arrives live. */
export function storyItem(story: Story): SafeHtml {
  return html`<li class="story" data-id="${story.id}">
  <div class="story-head"><a class="story-title" href="/stories/${story.id}">${story.label}</a>
  <span class="small muted story-meta">${story.size} article${story.size === 1 ? '' : 's'} · ${story.numSources} outlet${story.numSources === 1 ? '' : 's'} · ${spanText(story)}</span>
  ${
    story.latest
      ? html`<div class="story-latest small">Latest: <a href="/documents/${story.latest.docId}">${story.latest.title}</a> <span class="muted">(<span class="story-source">${story.latest.source}</span>, ${story.latest.published ?? 'undated'})</span></div>`
      : ''
  }</div>
  <div class="story-facets"><span class="small muted">Actors</span> ${
    story.actors.length
      ? story.actors.map(
          (a) => html`<a class="pill" href="/actors/${encodeURIComponent(a.id)}">${a.name}</a> `,
        )
      : html`<span class="small muted">none</span>`
  }
  <span class="small muted">Events</span> ${
    story.types.length
      ? story.types.map((t) => html`<span class="pill">${t}</span> `)
      : html`<span class="small muted">none</span>`
  }
  <span class="small muted">Outlets</span> <span class="story-sources">${story.sources.join(', ') || '—'}</span></div>
  ${sparkline(story)}
</li>`;
}

/** `/now`: the latest stories, and those that articles stored while the page is open join (GET /api/live). */
export function nowPage(stories: readonly Story[]): string {
  const body = html`<h1>Now</h1>
  <p class="small muted" id="live-status" role="status" aria-live="polite">The latest stories (articles clustered by what they report), by their last day. A story an article joins while this page is open moves to the top.</p>
  <ol class="stories" id="stories" data-live="/api/live">${stories.map(storyItem)}</ol>
  ${stories.length === 0 && html`<p class="muted" id="no-stories">No stories yet: ingest some with <code>tidings ingest</code> or <code>tidings watch</code>.</p>`}`;
  return workspaceLayout('Now', body, { nav: '/now', scripts: [NOW_ASSETS.js], styles: [NOW_ASSETS.css] });
}

/**
 * Listens to GET /api/live and puts each new story at the top of the list, built with DOM calls and
 * `textContent` (never as markup), so nothing in a story can become script.
 */
export const NOW_SCRIPT = `(() => {
  const list = document.getElementById('stories');
  const status = document.getElementById('live-status');
  if (!list || !('EventSource' in window)) return;
  const SVG = 'http://www.w3.org/2000/svg';
  const W = ${SPARK.width}, H = ${SPARK.height};
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const pills = (label, items) => {
    const frag = document.createDocumentFragment();
    frag.append(el('span', 'small muted', label), ' ');
    if (items.length === 0) frag.append(el('span', 'small muted', 'none'));
    for (const text of items) frag.append(el('span', 'pill', text), ' ');
    return frag;
  };
  const spark = (story) => {
    const s = story.sparkline;
    if (!s) return el('span', 'spark-none small muted', 'undated');
    const total = s.counts.reduce((a, b) => a + b, 0);
    const label = total + ' article' + (total === 1 ? '' : 's') + ' in the 14 days from ' + s.from;
    const link = el('a', 'spark-link');
    link.href = '/stories/' + encodeURIComponent(story.id);
    link.title = label;
    const svg = document.createElementNS(SVG, 'svg');
    for (const [k, v] of [['class', 'spark'], ['role', 'img'], ['aria-label', label], ['width', W], ['height', H], ['viewBox', '0 0 ' + W + ' ' + H]]) svg.setAttribute(k, String(v));
    const max = Math.max(1, ...s.counts);
    const step = s.counts.length > 1 ? W / (s.counts.length - 1) : 0;
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', 'currentColor');
    line.setAttribute('stroke-width', '1.5');
    line.setAttribute('points', s.counts.map((n, i) => (i * step).toFixed(1) + ',' + (H - 1 - (n / max) * (H - 2)).toFixed(1)).join(' '));
    svg.append(line);
    link.append(svg);
    return link;
  };
  const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
  const render = (story) => {
    const li = el('li', 'story story-new');
    li.dataset.id = String(story.id);
    const head = el('div', 'story-head');
    const title = el('a', 'story-title', story.label);
    title.href = '/stories/' + encodeURIComponent(story.id);
    const days = !story.firstSeen ? 'undated' : (!story.lastSeen || story.firstSeen === story.lastSeen ? story.firstSeen : story.firstSeen + ' to ' + story.lastSeen);
    const meta = el('span', 'small muted story-meta', plural(story.size, 'article') + ' · ' + plural(story.numSources, 'outlet') + ' · ' + days);
    head.append(title, ' ', meta);
    if (story.latest) {
      const latest = el('div', 'story-latest small', 'Latest: ');
      const link = el('a', '', story.latest.title);
      link.href = '/documents/' + encodeURIComponent(story.latest.docId);
      const where = el('span', 'muted');
      where.append('(', el('span', 'story-source', story.latest.source), ', ' + (story.latest.published || 'undated') + ')');
      latest.append(link, ' ', where);
      head.append(latest);
    }
    const facets = el('div', 'story-facets');
    facets.append(el('span', 'small muted', 'Actors'), ' ');
    if (story.actors.length === 0) facets.append(el('span', 'small muted', 'none'));
    for (const a of story.actors) {
      const pill = el('a', 'pill', a.name);
      pill.href = '/actors/' + encodeURIComponent(a.id);
      facets.append(pill, ' ');
    }
    facets.append(' ', pills('Events', story.types), ' ', el('span', 'small muted', 'Outlets'), ' ', el('span', 'story-sources', story.sources.join(', ') || '—'));
    li.append(head, facets, spark(story));
    return li;
  };
  const source = new EventSource(list.dataset.live);
  source.addEventListener('story', (event) => {
    let story;
    try { story = JSON.parse(event.data); } catch { return; }
    // A story an article joined moves to the top, drawn anew with its new size and sparkline.
    for (const item of [...list.children]) if (item.dataset.id === String(story.id)) item.remove();
    list.prepend(render(story));
    document.getElementById('no-stories')?.remove();
    status.textContent = 'New in “' + story.label + '”' + (story.latest ? ': ' + story.latest.title : '');
  });
  source.addEventListener('open', () => { list.dataset.connected = 'true'; });
  source.addEventListener('error', () => { delete list.dataset.connected; });
})();
`;
