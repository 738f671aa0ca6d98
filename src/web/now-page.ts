import type { Story } from '../services/live-feed.js';
import { html, type SafeHtml } from './html.js';
import { workspaceLayout } from './workspace/layout.js';

/** The Now page's script, served as a file (the CSP allows no inline script). */
export const NOW_ASSETS = { js: '/static/tidings-now-1.js', css: '/static/tidings-now-1.css' } as const;

export const NOW_STYLE = `
.stories{list-style:none;padding:0;margin:0}
.story{display:grid;grid-template-columns:1fr auto;gap:.25rem 1rem;align-items:center;padding:.6rem 0;border-bottom:1px solid var(--line)}
.story-head{grid-column:1}.story-facets{grid-column:1}.story .spark-link,.story .spark-none{grid-column:2;grid-row:1 / span 2}
.story-title{font-weight:600;margin-right:.5rem}
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

function sparkline(story: Story): SafeHtml {
  const s = story.sparkline;
  if (!s) return html`<span class="spark-none small muted">no actor pair</span>`;
  const label = `${s.a}–${s.b}: ${s.counts.reduce((a, b) => a + b, 0)} events in the 14 days from ${s.from}`;
  return html`<a class="spark-link" href="/relations?a=${s.a}&amp;b=${s.b}&amp;by=day" title="${label}"><svg class="spark" role="img" aria-label="${label}" width="${SPARK.width}" height="${SPARK.height}" viewBox="0 0 ${SPARK.width} ${SPARK.height}"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${sparkPoints(s.counts)}"></polyline></svg></a>`;
}

/** One story in the list: what the script draws the same way for a story that arrives live. */
export function storyItem(story: Story): SafeHtml {
  return html`<li class="story" data-id="${story.id}">
  <div class="story-head"><a class="story-title" href="/documents/${story.id}">${story.title}</a>
  <span class="small muted"><span class="story-source">${story.source}</span> · ${story.published ?? 'undated'} · ${story.events} events</span></div>
  <div class="story-facets"><span class="small muted">Actors</span> ${
    story.actors.length
      ? story.actors.map((a) => html`<span class="pill">${a.key}</span> `)
      : html`<span class="small muted">none</span>`
  }
  <span class="small muted">Events</span> ${
    story.types.length
      ? story.types.map((t) => html`<span class="pill">${t.type} ${t.count}</span> `)
      : html`<span class="small muted">none</span>`
  }</div>
  ${sparkline(story)}
</li>`;
}

/** `/now`: the latest stories, and those stored while the page is open (GET /api/live). */
export function nowPage(stories: readonly Story[]): string {
  const body = html`<h1>Now</h1>
  <p class="small muted" id="live-status" role="status" aria-live="polite">Latest stories, newest first. New ones appear at the top as they are stored.</p>
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
  const spark = (s) => {
    if (!s) return el('span', 'spark-none small muted', 'no actor pair');
    const total = s.counts.reduce((a, b) => a + b, 0);
    const label = s.a + '–' + s.b + ': ' + total + ' events in the 14 days from ' + s.from;
    const link = el('a', 'spark-link');
    link.href = '/relations?' + new URLSearchParams({ a: s.a, b: s.b, by: 'day' });
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
  const render = (story) => {
    const li = el('li', 'story story-new');
    li.dataset.id = story.id;
    const head = el('div', 'story-head');
    const title = el('a', 'story-title', story.title);
    title.href = '/documents/' + encodeURIComponent(story.id);
    const meta = el('span', 'small muted');
    meta.append(el('span', 'story-source', story.source), ' · ' + (story.published || 'undated') + ' · ' + story.events + ' events');
    head.append(title, ' ', meta);
    const facets = el('div', 'story-facets');
    facets.append(pills('Actors', story.actors.map((a) => a.key)), ' ', pills('Events', story.types.map((t) => t.type + ' ' + t.count)));
    li.append(head, facets, spark(story.sparkline));
    return li;
  };
  const source = new EventSource(list.dataset.live);
  source.addEventListener('story', (event) => {
    let story;
    try { story = JSON.parse(event.data); } catch { return; }
    for (const item of list.children) if (item.dataset.id === story.id) return;
    list.prepend(render(story));
    document.getElementById('no-stories')?.remove();
    status.textContent = 'New: ' + story.title;
  });
  source.addEventListener('open', () => { list.dataset.connected = 'true'; });
  source.addEventListener('error', () => { delete list.dataset.connected; });
})();
`;
