import type { NetworkEdge, NetworkNode } from '../../services/workspace-relations.js';
import { html, type SafeHtml } from '../html.js';
import { exportLinks, jsonBlock, workspaceLayout } from './layout.js';
import { type Column, renderTable } from './table.js';
import { VENDOR } from './vendor.js';

export interface NetworkForm {
  level: 'country' | 'sector' | 'entity';
  from?: string;
  to?: string;
  type?: string;
}

export function networkParams(f: NetworkForm): Record<string, string | undefined> {
  return { level: f.level === 'country' ? undefined : f.level, from: f.from, to: f.to, type: f.type };
}

/** The dyad page of an edge: the Relations chart of its two actors. */
export function dyadHref(e: NetworkEdge, f: NetworkForm): string {
  const q = new URLSearchParams({ a: e.source, b: e.target });
  if (f.type) q.set('count', f.type);
  return `/relations?${q}`;
}

export function edgeColumns(f: NetworkForm): Column<NetworkEdge>[] {
  return [
    {
      name: 'actor',
      header: 'Actor',
      value: (e) => e.source,
      cell: (e) => html`<a href="/actors/${encodeURIComponent(e.source)}">${e.source}</a>`,
    },
    {
      name: 'recipient',
      header: 'Recipient',
      value: (e) => e.target,
      cell: (e) => html`<a href="/actors/${encodeURIComponent(e.target)}">${e.target}</a>`,
    },
    { name: 'events', header: 'Events', value: (e) => e.events },
    { name: 'mentions', header: 'Mentions', value: (e) => e.mentions },
    { name: 'goldstein_mean', header: 'Mean Goldstein', value: (e) => e.goldsteinMean },
    {
      name: 'dyad',
      header: 'Over time',
      value: (e) => dyadHref(e, f),
      cell: (e) => html`<a href="${dyadHref(e, f)}">${e.source} and ${e.target}</a>`,
    },
  ];
}

function field(
  name: keyof NetworkForm,
  label: string,
  value: string | undefined,
  placeholder: string,
): SafeHtml {
  return html`<label>${label}<input name="${name}" value="${value ?? ''}" placeholder="${placeholder}" size="10"></label>`;
}

/** `/network`: actors as nodes, their busiest relations as edges (width: events, colour: tone). */
export function networkPage(
  form: NetworkForm,
  graph: { nodes: NetworkNode[]; edges: NetworkEdge[] },
  types: readonly string[],
  problem?: string,
): string {
  const params = networkParams(form);
  const levels = [
    ['country', 'countries'],
    ['sector', 'countries and sectors'],
    ['entity', 'entities'],
  ] as const;
  const body = html`<h1>Network</h1>
  <p class="muted small">Who acts on whom: an arrow per actor → recipient pair, as wide as its events and coloured by their mean Goldstein score (red conflict, green cooperation, grey neutral). Click an arrow for the pair over time, an actor for its page.</p>
  <form class="filters" method="get" action="/network">
    <label>Actors<select name="level">${levels.map(
      ([v, t]) => html`<option value="${v}"${v === form.level ? html` selected` : ''}>${t}</option>`,
    )}</select></label>
    <label>Type<select name="type"><option value="">any</option>${types.map(
      (t) => html`<option value="${t}"${t === form.type ? html` selected` : ''}>${t}</option>`,
    )}</select></label>
    ${field('from', 'From month', form.from, 'YYYY-MM')}${field('to', 'To month', form.to, 'YYYY-MM')}
    <button>Show</button>
  </form>
  ${problem && html`<p class="sev-error" role="alert">${problem}</p>`}
  ${
    graph.edges.length === 0
      ? html`<p class="muted">No relations between two named actors match.</p>`
      : html`<div id="network" class="cy" role="img" aria-label="Network of ${graph.nodes.length} actors and ${graph.edges.length} relations; the table below lists them"></div>
    ${jsonBlock('network-data', {
      nodes: graph.nodes,
      edges: graph.edges.map((e) => ({ ...e, href: dyadHref(e, form) })),
    })}
    <h2 id="edges">Relations (${graph.edges.length})</h2>
    ${exportLinks('/network', params, 'this table')}
    ${renderTable(edgeColumns(form), graph.edges)}`
  }`;
  return workspaceLayout('Network', body, { nav: '/network', scripts: [VENDOR.cytoscapeJs.path] });
}
