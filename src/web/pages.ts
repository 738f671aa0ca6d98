import type { Analysis } from '../core/analysis.js';
import { EVENT_STATUSES } from '../core/doc.js';
import type { DocumentSummary, EventRow, Page } from '../services/query.js';
import { ASSETS } from './assets.js';
import { renderHighlighted } from './highlight.js';
import { html, raw, type SafeHtml } from './html.js';
import { analysisSpans, anchors, entityClass } from './layers.js';
import { NAV_LINKS } from './nav.js';

export function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Tidings</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${ASSETS.css}"></head>
<body><header class="top"><a class="brand" href="/">Tidings</a>${NAV_LINKS.map((l) => html`<a href="${l.href}">${l.label}</a>`)}</header>
<main>${body}</main><script src="${ASSETS.js}"></script></body></html>`.toString();
}

function pager(path: string, params: Record<string, string | undefined>, page: Page<unknown>): SafeHtml {
  const link = (offset: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (offset > 0) q.set('offset', String(offset));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const end = Math.min(page.offset + page.items.length, page.total);
  return html`<nav class="pages small muted">
    <span>${page.total === 0 ? 'none' : `${page.offset + 1}–${end} of ${page.total}${page.totalCapped ? '+' : ''}`}</span>
    ${page.offset > 0 && html`<a href="${link(Math.max(0, page.offset - page.limit))}">← previous</a>`}
    ${end < page.total && html`<a href="${link(page.offset + page.limit)}">next →</a>`}
  </nav>`;
}

/** `/`: the articles, a search box, and the rejected documents with their reasons. */
export function indexPage(q: string, docs: Page<DocumentSummary>, rejected: Page<DocumentSummary>): string {
  const rows = docs.items.map(
    (d) => html`<tr>
      <td><a href="/documents/${d.id}">${d.title || d.snippet.slice(0, 90) || d.id.slice(0, 12)}</a></td>
      <td class="small muted">${d.uri}</td><td>${d.published ?? '—'}</td>
      <td>${d.counts.entities}</td><td>${d.counts.events}</td></tr>`,
  );
  const body = html`<h1>Articles</h1>
  <form class="filters" method="get" action="/">
    <label>Search title and text<input type="search" name="q" value="${q}" size="40"></label><button>Search</button>
    ${q && html`<a class="small" href="/">clear</a>`}
  </form>
  ${
    docs.items.length === 0
      ? html`<p class="muted">${q ? 'No article matches this search.' : 'No articles yet: ingest some with `tidings ingest`.'}</p>`
      : html`<table><thead><tr><th>Title</th><th>Source</th><th>Published</th><th>Entities</th><th>Events</th></tr></thead>
      <tbody>${rows}</tbody></table>`
  }
  ${pager('/', { q }, docs)}
  ${
    rejected.total > 0 &&
    html`<h2>Rejected (${rejected.total})</h2>
  <table><thead><tr><th>Source</th><th>Reason</th><th></th></tr></thead><tbody>
  ${rejected.items.map(
    (d) => html`<tr><td class="small">${d.uri}</td><td>${d.reason ?? '—'}</td>
    <td><a class="small" href="/documents/${d.id}">diagnostics</a></td></tr>`,
  )}</tbody></table>`
  }`;
  return layout(q ? `Search: ${q}` : 'Articles', body);
}

function participantCell(
  p: { text: string; country?: string | null; sector?: string | null } | null | undefined,
): SafeHtml {
  if (!p) return html`<span class="muted">—</span>`;
  const code = [p.country, p.sector].filter(Boolean).join(' ');
  return html`${p.text}${code && html` <span class="pill">${code}</span>`}`;
}

/**
 * An event date as the reader should see it: TIMEX-style placeholders (`XXXX-WXX-7`) mean the
 * relative date could not be anchored, so they are shown as such rather than as a date.
 */
function dateCell(date: string | null | undefined, published?: string | null): SafeHtml {
  if (date && /X/.test(date)) {
    return html`<td class="nowrap"><span class="muted" title="relative date left unresolved: ${date}">unresolved</span></td>`;
  }
  if (date) return html`<td class="nowrap">${date}</td>`;
  if (published) {
    return html`<td class="nowrap"><span class="muted" title="no date of its own: the article's publication date">${published}</span></td>`;
  }
  return html`<td class="muted">—</td>`;
}

function safeHref(uri: string): string | null {
  return /^https?:\/\//i.test(uri) ? uri : null;
}

/**
 * A long document is shown a window of text and a page of each table at a time, so a page stays
 * small whatever the document holds (a 10 MB text of dense events once made a 537 MB page).
 */
export const TEXT_WINDOW = 50_000;
export const TABLE_ROWS = 200;

/** What part of a document the page shows; every field is optional (the start). */
export interface DocumentView {
  /** An offset in the text: the window holding it is shown. */
  at?: number;
  /** First row shown of each table. */
  events?: number;
  entities?: number;
  diagnostics?: number;
  /** An event index: its window and its page of the events table are shown. */
  event?: number;
}

/** Start of the `k`-th text window: `k * TEXT_WINDOW`, moved on to the next word (never inside a character). */
function windowStart(text: string, k: number): number {
  if (k <= 0) return 0;
  const at = k * TEXT_WINDOW;
  if (at >= text.length) return text.length;
  for (let i = at; i < Math.min(text.length, at + 1000); i++) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x0a || c === 0x20) return i;
  }
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at + 1 : at;
}

/** The text window holding `offset`. */
export function textWindow(text: string, offset: number): { start: number; end: number } {
  let k = Math.floor(Math.min(Math.max(offset, 0), Math.max(text.length - 1, 0)) / TEXT_WINDOW);
  if (offset < windowStart(text, k)) k--;
  return { start: windowStart(text, k), end: windowStart(text, k + 1) };
}

function firstRow(offset: number | undefined, total: number): number {
  const at = Math.max(0, Math.trunc(offset ?? 0));
  return at < total ? at - (at % TABLE_ROWS) : 0;
}

/** `/documents/:id`: the article rendered from its spans, then events, entities and diagnostics. */
export function documentPage(a: Analysis, view: DocumentView = {}): string {
  const title = a.title ?? (a.rejected ? 'Rejected document' : 'Untitled document');
  const href = safeHref(a.source.uri);
  const picked = view.event === undefined ? undefined : a.events[view.event];
  const window = textWindow(a.text, picked ? picked.trigger.start : (view.at ?? 0));
  const rows = {
    events: picked ? firstRow(view.event, a.events.length) : firstRow(view.events, a.events.length),
    entities: firstRow(view.entities, a.entities.length),
    diagnostics: firstRow(view.diagnostics, a.diagnostics.length),
  };
  /** A link to this page showing `change`, at `fragment`. */
  const link = (change: Partial<Record<'at' | keyof typeof rows, number>>, fragment: string) => {
    const q = new URLSearchParams();
    const state = { at: window.start, ...rows, ...change };
    for (const [k, v] of Object.entries(state)) if (v > 0) q.set(k, String(v));
    const s = q.toString();
    return `/documents/${a.id}${s ? `?${s}` : ''}#${fragment}`;
  };
  /** Where a span of the text is: its anchor here when it is in this window, else the page that shows it. */
  const jump = (offset: number, anchor: string) =>
    offset >= window.start && offset < window.end
      ? `#${anchor}`
      : link({ at: textWindow(a.text, offset).start }, anchor);
  const tablePager = (name: keyof typeof rows, total: number) => {
    const from = rows[name];
    const to = Math.min(from + TABLE_ROWS, total);
    if (total <= TABLE_ROWS) return html``;
    return html`<nav class="pages small muted"><span>${from + 1}–${to} of ${total}</span>
      ${from > 0 && html`<a href="${link({ [name]: from - TABLE_ROWS }, name)}">← previous</a>`}
      ${to < total && html`<a href="${link({ [name]: to }, name)}">next →</a>`}</nav>`;
  };
  const events = a.events.slice(rows.events, rows.events + TABLE_ROWS).map((e, k) => {
    const i = rows.events + k;
    return html`<tr data-target="${anchors.event(i)}">
      <td><a href="${jump(e.trigger.start, anchors.event(i))}">${e.type}</a></td><td>${e.mode ?? '—'}</td><td>${e.status}</td>
      <td>${participantCell(e.actor)}</td><td>${participantCell(e.recipient)}</td>${dateCell(e.date)}
      <td>${e.cameo ?? '—'}</td><td>${e.quad ?? '—'}</td><td>${e.goldstein ?? '—'}</td><td>${e.confidence ?? '—'}</td><td class="small">${e.rule}</td></tr>`;
  });
  const entities = a.entities.slice(rows.entities, rows.entities + TABLE_ROWS).map((en, k) => {
    const ei = rows.entities + k;
    return html`<tr data-target="${anchors.mention(ei, 0)}">
      <td><a href="${jump(en.mentions[0]?.start ?? 0, anchors.mention(ei, 0))}"><span class="ent ent-${entityClass(en.type)}">${en.name}</span></a></td>
      <td>${en.type}</td><td>${en.country ?? '—'}</td><td>${en.sector ?? '—'}</td><td>${en.role ?? '—'}</td>
      <td>${en.mentions.length}</td><td class="small muted">${en.id}</td></tr>`;
  });
  const diagnostics = html`<h2 id="diagnostics">Diagnostics (${a.diagnostics.length})</h2>
  ${
    a.diagnostics.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<ul>${a.diagnostics.slice(rows.diagnostics, rows.diagnostics + TABLE_ROWS).map(
          (
            d,
          ) => html`<li><span class="sev-${d.severity}">${d.severity}</span> <code>${d.ruleId}</code> ${d.reason}
          ${d.start !== undefined && html`<span class="small muted">[${d.start}, ${d.end ?? d.start})</span>`}</li>`,
        )}</ul>${tablePager('diagnostics', a.diagnostics.length)}`
  }`;
  const meta = html`<p class="small muted">${href ? html`<a href="${href}" rel="noopener noreferrer">${a.source.uri}</a>` : a.source.uri}
    · published ${a.published ?? 'unknown'} · ${a.rejected ? html`<span class="sev-error">rejected</span>` : 'analysed'}
    · <a href="/api/documents/${a.id}">JSON</a> · <span title="content hash">${a.id.slice(0, 12)}</span></p>`;
  if (a.rejected) {
    // Nothing was annotated, so a legend and empty tables would only suggest that something failed silently.
    const main = a.diagnostics.find((d) => d.severity === 'error') ?? a.diagnostics[0];
    const body = html`<h1>${title}</h1>${meta}
  <div class="notice"><strong>This document was not analysed.</strong>
    ${main ? html`${main.reason} (<code>${main.ruleId}</code>).` : 'No reason was recorded.'}</div>
  ${diagnostics}
  <h2>Text as received</h2>
  ${a.text === '' ? html`<p class="muted">(empty)</p>` : html`<article class="text">${a.text.slice(0, TEXT_WINDOW)}</article>`}`;
    return layout(title, body);
  }
  const textPager =
    window.start === 0 && window.end >= a.text.length
      ? html``
      : html`<nav class="pages small muted" id="text"><span>characters ${window.start + 1}–${window.end} of ${a.text.length}</span>
      ${window.start > 0 && html`<a href="${link({ at: textWindow(a.text, window.start - 1).start }, 'text')}">← previous</a>`}
      ${window.end < a.text.length && html`<a href="${link({ at: window.end }, 'text')}">next →</a>`}</nav>`;
  const body = html`<h1>${title}</h1>${meta}
  <p class="legend small"><span class="ent ent-country">country</span><span class="ent ent-person">person</span>
    <span class="ent ent-org">organisation</span><span class="ent ent-place">place</span><span class="time">time</span>
    <span class="qty">quantity</span><span class="quote">quote</span><span class="trigger">event trigger</span>
    <span class="rm">removed</span> <span class="flag flag-warning">flagged</span> <span class="muted">· hover a highlight for details, a table row to find it in the text</span></p>
  ${textPager}
  <article class="text">${raw(renderHighlighted(a.text.slice(window.start, window.end), analysisSpans(a, window), { blockClass: 'blk' }))}</article>
  ${textPager}
  <h2 id="events">Events (${a.events.length})</h2>
  ${
    a.events.length === 0
      ? html`<p class="muted">No events coded.</p>`
      : html`<div class="lazy"><table><thead><tr><th>Type</th><th>Mode</th><th>Status</th><th>Actor</th><th>Recipient</th><th>Date</th>
    <th>CAMEO</th><th>Quad</th><th>Goldstein</th><th title="how likely type, actor and status are right together">Confidence</th><th>Rule</th></tr></thead><tbody>${events}</tbody></table></div>
    ${tablePager('events', a.events.length)}`
  }
  <h2 id="entities">Entities (${a.entities.length})</h2>
  ${
    a.entities.length === 0
      ? html`<p class="muted">No entities found.</p>`
      : html`<div class="lazy"><table><thead><tr><th>Name</th><th>Type</th><th>Country</th><th>Sector</th><th>Role</th><th>Mentions</th><th>Id</th></tr></thead>
    <tbody>${entities}</tbody></table></div>${tablePager('entities', a.entities.length)}`
  }
  ${diagnostics}`;
  return layout(title, body);
}

export interface EventFilterValues {
  actor?: string;
  recipient?: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  /** As typed; the route checks it is a number 0–1. */
  minConfidence?: string;
}

const STATUSES = ['', ...EVENT_STATUSES];

/** `/events`: the event table with the API's filters as a GET form. */
export function eventsPage(filters: EventFilterValues, events: Page<EventRow>, problem?: string): string {
  const input = (name: keyof EventFilterValues, label: string, placeholder: string) =>
    html`<label>${label}<input name="${name}" value="${filters[name] ?? ''}" placeholder="${placeholder}" size="${Math.max(12, placeholder.length + 2)}"></label>`;
  const rows = events.items.map(
    (e) => html`<tr>
      ${dateCell(e.date, e.published)}
      <td>${e.type}</td><td>${e.mode ?? '—'}</td><td>${e.status}</td>
      <td>${participantCell(e.actor)}</td><td>${participantCell(e.recipient)}</td>
      <td>${e.cameo ?? '—'}</td><td>${e.quad ?? '—'}</td><td>${e.goldstein ?? '—'}</td><td>${e.confidence ?? '—'}</td>
      <td class="article"><a href="/documents/${e.docId}?event=${e.idx}#${anchors.event(e.idx)}">${e.docTitle ?? e.docId.slice(0, 12)}</a></td>
      <td class="rule">${e.rule}</td></tr>`,
  );
  const body = html`<h1>Events</h1>
  <form class="filters" method="get" action="/events">
    ${input('actor', 'Actor', 'RUS, person:…, text')}${input('recipient', 'Recipient', 'CHN')}
    ${input('type', 'Type', 'CONSULT')}
    <label>Status<select name="status">${STATUSES.map(
      (s) =>
        html`<option value="${s}"${s === (filters.status ?? '') ? raw(' selected') : ''}>${s || 'any'}</option>`,
    )}</select></label>
    ${input('from', 'From', 'YYYY-MM-DD')}${input('to', 'To', 'YYYY-MM-DD')}
    ${input('minConfidence', 'Min. confidence', '0–1')}<button>Filter</button>
  </form>
  ${problem && html`<p class="sev-error">${problem}</p>`}
  ${
    events.items.length === 0
      ? html`<p class="muted">No events match.</p>`
      : html`<table><thead><tr><th>Date</th><th>Type</th><th>Mode</th><th>Status</th><th>Actor</th><th>Recipient</th>
    <th>CAMEO</th><th>Quad</th><th>Goldstein</th><th title="how likely type, actor and status are right together">Confidence</th><th>Article</th><th>Rule</th></tr></thead><tbody>${rows}</tbody></table>
    <p class="small muted">A grey date is the article's publication date: the event has no date of its own.</p>`
  }
  ${pager('/events', { ...filters }, events)}`;
  return layout('Events', body);
}

export function notFoundPage(message: string): string {
  return layout(
    'Not found',
    html`<h1>Not found</h1><p>${message}</p><p><a href="/">Back to the articles</a></p>`,
  );
}

export function errorPage(status: number, message: string): string {
  return layout(
    `Error ${status}`,
    html`<h1>Error ${status}</h1><p>${message}</p><p><a href="/">Back to the articles</a></p>`,
  );
}
