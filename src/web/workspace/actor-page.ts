import type { ActorProfile, Counterpart } from '../../services/workspace-actors.js';
import { html } from '../html.js';
import { evidenceLegend } from './evidence.js';
import { exportLinks, workspaceLayout } from './layout.js';
import { eventColumns } from './relations-page.js';
import { type Column, renderTable } from './table.js';

export function counterpartColumns(key: string): Column<Counterpart>[] {
  return [
    {
      name: 'counterpart',
      header: 'Counterpart',
      value: (c) => c.key,
      cell: (c) => html`<a href="/actors/${encodeURIComponent(c.key)}">${c.key}</a>`,
    },
    { name: 'acts_on', header: `${key} acts on it`, value: (c) => c.acts },
    { name: 'acted_on_by', header: `It acts on ${key}`, value: (c) => c.receives },
    { name: 'goldstein_mean', header: 'Mean Goldstein', value: (c) => c.goldsteinMean },
    {
      name: 'relations',
      header: 'Over time',
      value: (c) => `/relations?a=${encodeURIComponent(key)}&b=${encodeURIComponent(c.key)}`,
      cell: (c) =>
        html`<a href="/relations?a=${encodeURIComponent(key)}&amp;b=${encodeURIComponent(c.key)}">${key} and ${c.key}</a>`,
    },
  ];
}

/** `/actors/:key`: an actor's names, roles, counterparts and events over time. */
export function actorPage(p: ActorProfile): string {
  const max = Math.max(1, ...p.timeline.map((t) => t.acts + t.receives));
  const body = html`<h1>${p.name} <span class="pill">${p.key}</span></h1>
  <p class="small muted">${p.kind === 'entity' ? 'An entity' : p.kind === 'sector' ? 'A country and sector' : 'A country'} ·
    read from the newest ${p.read.happenings} of the ${p.read.total} happenings it takes part in and the ${p.read.articles} articles that first reported them.</p>
  <h2 id="aliases">Names in the text (${p.aliases.length})</h2>
  ${
    p.aliases.length === 0
      ? html`<p class="muted">None read.</p>`
      : html`<p>${p.aliases.map((a, k) => html`${k > 0 ? ', ' : ''}“${a.text}” <span class="small muted">×${a.mentions}</span>`)}</p>`
  }
  <h2 id="roles">Roles (${p.roles.length})</h2>
  ${
    p.roles.length === 0
      ? html`<p class="muted">No office or role named.</p>`
      : renderTable(
          [
            {
              name: 'name',
              header: 'Who',
              value: (r) => r.name,
              cell: (r) => html`<a href="/actors/${encodeURIComponent(r.entity)}">${r.name}</a>`,
            },
            { name: 'role', header: 'Role', value: (r) => r.role },
            { name: 'from', header: 'First said', value: (r) => r.from },
            { name: 'to', header: 'Last said', value: (r) => r.to },
            { name: 'articles', header: 'Articles', value: (r) => r.articles },
          ],
          p.roles,
        )
  }
  <h2 id="timeline">Events over time</h2>
  <div class="bars" role="img" aria-label="Happenings per month: ${p.timeline.map((t) => `${t.month} ${t.acts + t.receives}`).join(', ')}">${p.timeline.map(
    (t) =>
      html`<span class="bar-${Math.round(((t.acts + t.receives) / max) * 20)}" title="${t.month}: acts ${t.acts}, receives ${t.receives}"></span>`,
  )}</div>
  ${renderTable(
    [
      { name: 'month', header: 'Month', value: (t) => t.month },
      { name: 'acts', header: 'As actor', value: (t) => t.acts },
      { name: 'receives', header: 'As recipient', value: (t) => t.receives },
    ],
    p.timeline,
  )}
  <h2 id="counterparts">Top counterparts (${p.counterparts.length})</h2>
  ${exportLinks(`/actors/${encodeURIComponent(p.key)}`, {}, 'this table')}
  ${renderTable(counterpartColumns(p.key), p.counterparts)}
  <h2 id="recent">Latest events</h2>
  ${evidenceLegend()}
  ${renderTable(
    eventColumns.filter((c) => c.name !== 'happening'),
    p.recent,
  )}`;
  return workspaceLayout(p.name, body);
}
