import type { HappeningEvidence } from '../../services/workspace-evidence.js';
import { html, type SafeHtml } from '../html.js';
import { anchors } from '../layers.js';
import { chainText, codedBy, evidenceLegend, evidenceSentence, tellingsList } from './evidence.js';
import { explainHref } from './explain-page.js';
import { exportLinks, workspaceLayout } from './layout.js';
import { QUAD_NAMES } from './relations-page.js';
import type { Column } from './table.js';

type MentionRow = HappeningEvidence['mentions'][number];

export const mentionColumns: Column<MentionRow>[] = [
  { name: 'doc_id', header: 'Document', value: (m) => m.docId },
  { name: 'idx', header: 'Event', value: (m) => m.idx },
  { name: 'title', header: 'Title', value: (m) => m.title },
  { name: 'uri', header: 'Address', value: (m) => m.uri },
  { name: 'published', header: 'Published', value: (m) => m.published },
  { name: 'source', header: 'Outlet', value: (m) => m.source },
  { name: 'status', header: 'Status', value: (m) => m.evidence?.status ?? null },
  { name: 'sentence', header: 'Sentence', value: (m) => m.evidence?.sentence.text ?? null },
  {
    name: 'attribution',
    header: 'According to',
    value: (m) => m.evidence?.chain.map((l) => l.source).join(' > ') ?? null,
  },
  { name: 'rule', header: 'Rule', value: (m) => m.evidence?.rule ?? null },
  { name: 'reason', header: 'Why merged', value: (m) => m.reason },
];

function party(
  p: { text: string | null; country: string | null; sector: string | null; entity: string | null } | null,
): SafeHtml {
  if (!p) return html`<span class="muted">—</span>`;
  const key =
    p.entity && !p.entity.startsWith('country:') ? p.entity : [p.country, p.sector].filter(Boolean).join('.');
  const label = p.text ?? key;
  return key
    ? html`<a href="/actors/${encodeURIComponent(key)}">${label}</a> <span class="pill">${key}</span>`
    : html`${label}`;
}

/** `/happenings/:id`: one real-world event with every mention across articles and its evidence. */
export function eventPage(view: HappeningEvidence): string {
  const h = view.happening;
  const title = `${h.type}: ${h.actor?.text ?? h.actor?.country ?? '—'} → ${h.recipient?.text ?? h.recipient?.country ?? '—'}`;
  const mentions = view.mentions.map(
    (m, k) => html`<section class="mention" id="mention-${k}" aria-labelledby="mention-${k}-title">
    <h3 id="mention-${k}-title"><a href="/documents/${m.docId}?event=${m.idx}#${anchors.event(m.idx)}">${m.title ?? m.docId.slice(0, 12)}</a>
      <span class="small muted">${m.source} · ${m.published ?? 'undated'}</span></h3>
    ${
      m.evidence
        ? html`<p>${evidenceSentence(m.evidence)}</p>
    ${tellingsList(m.evidence)}
    <dl class="facts small">
      <dt>Status</dt><dd>${m.evidence.status}</dd>
      <dt>Attribution</dt><dd>${chainText(m.evidence)}</dd>
      <dt>Coded by</dt><dd>${codedBy(m.evidence)} · <a href="${explainHref(m.docId, m.idx)}">explain</a></dd>
      <dt>Event date</dt><dd>${m.evidence.date ?? html`<span class="muted">none stated (the happening's day: ${h.day})</span>`}</dd>
      <dt>Counted here because</dt><dd>${m.reason}</dd>
    </dl>`
        : html`<p class="muted">The stored analysis no longer holds this event.</p>`
    }
  </section>`,
  );
  const quad = h.quad ? QUAD_NAMES[h.quad as 1 | 2 | 3 | 4] : null;
  const body = html`<h1>${title}</h1>
  <dl class="facts">
    <dt>Day</dt><dd>${h.day}${h.from !== h.to ? html` <span class="muted">(between ${h.from} and ${h.to})</span>` : ''}</dd>
    <dt>Actor</dt><dd>${party(h.actor)}</dd>
    <dt>Recipient</dt><dd>${party(h.recipient)}</dd>
    <dt>Type</dt><dd>${h.type}${h.cameo && html` · CAMEO ${h.cameo}`}${quad && html` · quad ${h.quad} (${quad})`}</dd>
    <dt>Goldstein</dt><dd>${h.goldstein ?? '—'}</dd>
    <dt>Place</dt><dd>${h.place ?? '—'}</dd>
    <dt>Reported</dt><dd>${h.numMentions} mention${h.numMentions === 1 ? '' : 's'} in ${h.numArticles} article${h.numArticles === 1 ? '' : 's'} from ${h.numSources} outlet${h.numSources === 1 ? '' : 's'}: ${h.sources.join(', ')}</dd>
  </dl>
  ${
    h.actor?.country && h.recipient?.country
      ? html`<p><a href="/relations?a=${h.actor.country}&amp;b=${h.recipient.country}">${h.actor.country} and ${h.recipient.country} over time</a></p>`
      : ''
  }
  <h2 id="mentions">Mentions (${view.mentions.length})</h2>
  ${exportLinks(`/happenings/${h.id}`, {}, 'the mentions')}
  ${evidenceLegend()}
  ${mentions}`;
  return workspaceLayout(title, body);
}

/** An event that was never counted in a happening (stored before linking): its own evidence only. */
export function loneEventPage(view: HappeningEvidence['mentions'][number]): string {
  const e = view.evidence;
  const title = e ? `${e.type}: ${e.actor ?? '—'} → ${e.recipient ?? '—'}` : 'Event';
  const body = html`<h1>${title}</h1>
  <p class="muted">This event is not counted in any happening (its document was stored before linking).</p>
  ${evidenceLegend()}
  ${
    e
      ? html`<p>${evidenceSentence(e)}</p>${tellingsList(e)}<dl class="facts small"><dt>Status</dt><dd>${e.status}</dd>
  <dt>Attribution</dt><dd>${chainText(e)}</dd><dt>Coded by</dt><dd>${codedBy(e)} · <a href="${explainHref(view.docId, view.idx)}">explain</a></dd></dl>`
      : ''
  }
  <p><a href="/documents/${view.docId}?event=${view.idx}#${anchors.event(view.idx)}">In the article</a></p>`;
  return workspaceLayout(title, body);
}
