import { EVENT_STATUSES } from '../../core/doc.js';
import type { DocumentSummary, EntityRow, EventRow } from '../../services/query.js';
import {
  type Facet,
  SEARCH_ARTICLES,
  type SearchParams,
  type SearchResult,
} from '../../services/workspace-search.js';
import { html, type SafeHtml } from '../html.js';
import { anchors } from '../layers.js';
import { exportLinks, workspaceLayout } from './layout.js';
import { type Column, renderTable } from './table.js';

export const SEARCH_KINDS = ['articles', 'events', 'entities'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchForm extends SearchParams {
  kind: SearchKind;
}

export function searchParams(f: SearchForm): Record<string, string | undefined> {
  return {
    q: f.q,
    kind: f.kind === 'articles' ? undefined : f.kind,
    type: f.type,
    status: f.status,
    country: f.country,
    from: f.from,
    to: f.to,
    source: f.source,
  };
}

function href(f: SearchForm, change: Partial<Record<keyof SearchForm, string | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...searchParams(f), ...change })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `/search?${s}` : '/search';
}

export function articleColumns(sources: Record<string, string>): Column<DocumentSummary>[] {
  return [
    {
      name: 'title',
      header: 'Title',
      value: (d) => d.title ?? d.snippet.slice(0, 90),
      cell: (d) =>
        html`<a href="/documents/${d.id}">${d.title || d.snippet.slice(0, 90) || d.id.slice(0, 12)}</a>`,
    },
    { name: 'source', header: 'Outlet', value: (d) => sources[d.id] ?? d.uri },
    { name: 'published', header: 'Published', value: (d) => d.published },
    { name: 'events', header: 'Events', value: (d) => d.counts.events },
    { name: 'entities', header: 'Entities', value: (d) => d.counts.entities },
    {
      name: 'id',
      header: 'Id',
      value: (d) => d.id,
      cell: (d) => html`<span class="small muted">${d.id.slice(0, 12)}</span>`,
    },
  ];
}

export function eventRowColumns(sources: Record<string, string>): Column<EventRow>[] {
  return [
    { name: 'date', header: 'Date', value: (e) => e.date ?? e.published },
    {
      name: 'type',
      header: 'Type',
      value: (e) => e.type,
      cell: (e) => html`<a href="/documents/${e.docId}/events/${e.idx}">${e.type}</a>`,
    },
    { name: 'status', header: 'Status', value: (e) => e.status },
    { name: 'actor', header: 'Actor', value: (e) => e.actor?.text ?? null },
    { name: 'actor_country', header: 'Actor country', value: (e) => e.actor?.country ?? null },
    { name: 'recipient', header: 'Recipient', value: (e) => e.recipient?.text ?? null },
    { name: 'recipient_country', header: 'Recipient country', value: (e) => e.recipient?.country ?? null },
    { name: 'goldstein', header: 'Goldstein', value: (e) => e.goldstein },
    {
      name: 'article',
      header: 'Article',
      value: (e) => e.docId,
      cell: (e) =>
        html`<a href="/documents/${e.docId}?event=${e.idx}#${anchors.event(e.idx)}">${e.docTitle ?? e.docId.slice(0, 12)}</a>`,
    },
    { name: 'source', header: 'Outlet', value: (e) => sources[e.docId] ?? null },
    { name: 'rule', header: 'Rule', value: (e) => e.rule },
  ];
}

export const entityColumns: Column<EntityRow>[] = [
  {
    name: 'name',
    header: 'Name',
    value: (e) => e.name,
    cell: (e) => html`<a href="/actors/${encodeURIComponent(e.entityId)}">${e.name}</a>`,
  },
  { name: 'entity', header: 'Id', value: (e) => e.entityId },
  { name: 'type', header: 'Type', value: (e) => e.type },
  { name: 'country', header: 'Country', value: (e) => e.country },
  { name: 'sector', header: 'Sector', value: (e) => e.sector },
  { name: 'documents', header: 'Articles', value: (e) => e.documents },
  { name: 'mentions', header: 'Mentions', value: (e) => e.mentions },
];

function facetList(title: string, name: keyof SearchForm, values: Facet, f: SearchForm): SafeHtml {
  if (values.length === 0) return html``;
  const current = f[name];
  return html`<nav aria-label="${title}"><strong class="small">${title}</strong><ul>${values.map(
    (v) =>
      html`<li><a href="${href(f, { [name]: v.value === current ? undefined : v.value })}"${v.value === current ? html` aria-current="true"` : ''}>${v.value === current ? '✓ ' : ''}${v.value}</a> <span class="small muted">${v.count}</span></li>`,
  )}</ul></nav>`;
}

/** `/search`: articles, events and entities for some words, narrowed by facets. */
export function searchPage(f: SearchForm, r: SearchResult, problem?: string): string {
  const params = searchParams(f);
  const counts = { articles: r.articles.length, events: r.events.length, entities: r.entities.length };
  const input = (name: keyof SearchForm, label: string, placeholder: string, size = 10) =>
    html`<label>${label}<input name="${name}" value="${(f[name] as string | undefined) ?? ''}" placeholder="${placeholder}" size="${size}"></label>`;
  const results =
    f.kind === 'articles'
      ? renderTable(articleColumns(r.sources), r.articles)
      : f.kind === 'events'
        ? renderTable(eventRowColumns(r.sources), r.events)
        : renderTable(entityColumns, r.entities);
  const body = html`<h1>Search</h1>
  <form class="filters" method="get" action="/search" role="search">
    ${input('q', 'Words', 'sanctions Ankara', 28)}
    <input type="hidden" name="kind" value="${f.kind}">
    ${input('type', 'Type', 'CONSULT, person')}
    <label>Status<select name="status"><option value="">any</option>${EVENT_STATUSES.map(
      (s) => html`<option value="${s}"${s === f.status ? html` selected` : ''}>${s}</option>`,
    )}</select></label>
    ${input('country', 'Country', 'GRC', 5)}${input('from', 'From', 'YYYY-MM-DD')}${input('to', 'To', 'YYYY-MM-DD')}
    ${input('source', 'Outlet', 'example.org', 14)}
    <button>Search</button> <a class="small" href="/search">clear</a>
  </form>
  ${problem && html`<p class="sev-error" role="alert">${problem}</p>`}
  <nav class="tabs" aria-label="Results">${SEARCH_KINDS.map(
    (k) =>
      html`<a href="${href(f, { kind: k === 'articles' ? undefined : k })}"${k === f.kind ? html` aria-current="page"` : ''}>${k} (${counts[k]})</a>`,
  )}</nav>
  <div class="facets">
    ${facetList('Outlet', 'source', r.facets.source, f)}
    ${f.kind !== 'entities' && facetList('Event type', 'type', r.facets.eventType, f)}
    ${f.kind !== 'entities' && facetList('Status', 'status', r.facets.status, f)}
    ${f.kind !== 'articles' && facetList('Country', 'country', r.facets.country, f)}
    ${f.kind === 'entities' && facetList('Entity type', 'type', r.facets.entityType, f)}
  </div>
  <p class="small muted">${f.q ? `${r.read.matching} articles match the words` : 'No words: the newest articles'}; facets count the ${r.read.articles} read (at most ${SEARCH_ARTICLES}) and their ${r.read.events} events.</p>
  <h2 id="results">${f.kind[0]?.toUpperCase()}${f.kind.slice(1)} (${counts[f.kind]})</h2>
  ${exportLinks('/search', params, 'these results')}
  ${counts[f.kind] === 0 ? html`<p class="muted">Nothing matches.</p>` : results}`;
  return workspaceLayout(f.q ? `Search: ${f.q}` : 'Search', body, { nav: '/search' });
}
