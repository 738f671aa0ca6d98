import type { StoryDetail } from '../../services/stories.js';
import { html } from '../html.js';
import { exportLinks, workspaceLayout } from './layout.js';
import { type Column, renderTable } from './table.js';

type Article = StoryDetail['articles'][number];

export const storyArticleColumns: Column<Article>[] = [
  { name: 'published', header: 'Published', value: (a) => a.published },
  {
    name: 'title',
    header: 'Article',
    value: (a) => a.title,
    cell: (a) => html`<a href="/documents/${a.docId}">${a.title ?? a.docId.slice(0, 12)}</a>`,
  },
  { name: 'source', header: 'Outlet', value: (a) => a.source },
  { name: 'score', header: 'Closeness when it joined', value: (a) => a.score },
  { name: 'uri', header: 'Address', value: (a) => a.uri },
  { name: 'doc_id', header: 'Document', value: (a) => a.docId },
];

/** `/stories/:id`: one story cluster with its actors, event types, outlets and articles. */
export function storyPage(story: StoryDetail): string {
  const body = html`<h1>${story.label}</h1>
  <dl class="facts">
    <dt>Days</dt><dd>${story.firstSeen ?? 'undated'}${story.lastSeen && story.lastSeen !== story.firstSeen ? ` to ${story.lastSeen}` : ''}</dd>
    <dt>Articles</dt><dd>${story.size} from ${story.numSources} outlet${story.numSources === 1 ? '' : 's'}: ${story.sources.join(', ')}</dd>
    <dt>Actors</dt><dd>${
      story.actors.length
        ? story.actors.map(
            (a) =>
              html`<a class="pill" href="/actors/${encodeURIComponent(a.id)}">${a.name}</a> <span class="small muted">${a.articles}</span> `,
          )
        : '—'
    }</dd>
    <dt>Events</dt><dd>${story.eventTypes.length ? story.eventTypes.map((t) => html`<span class="pill">${t}</span> `) : '—'}</dd>
  </dl>
  <h2 id="articles">Articles (${story.articles.length})</h2>
  ${exportLinks(`/stories/${story.id}`, {}, 'the articles')}
  ${renderTable(storyArticleColumns, story.articles)}`;
  return workspaceLayout(story.label, body, { nav: '/now' });
}
