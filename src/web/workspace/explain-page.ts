import type { EventExplanation } from '../../services/explain-event.js';
import { html, type SafeHtml } from '../html.js';
import { anchors } from '../layers.js';
import { evidenceLegend, evidenceSentence, tellingsList } from './evidence.js';
import { workspaceLayout } from './layout.js';

/** The explain page's address for event `idx` of document `docId` (its JSON: the same under /api). */
export function explainHref(docId: string, idx: number): string {
  return `/documents/${docId}/events/${idx}/explain`;
}

const ORIGIN = {
  lexicon: "Tidings' own rule",
  petrarch: "PETRARCH's verb dictionary",
  unknown: 'a rule no longer in the rules',
} as const;

function chain(e: EventExplanation): SafeHtml {
  if (e.chain.length === 0)
    return html`<p>Stated by the article itself: no attribution holds the event words.</p>`;
  return html`<ol class="chain">${e.chain.map(
    (link, k) =>
      html`<li>${k === 0 ? 'according to ' : 'citing '}<strong>${link.source}</strong>${link.entity ? html` <span class="pill">${link.entity}</span>` : ''} — cue “${link.cue}”, <code>${link.rule}</code></li>`,
  )}</ol>`;
}

function clause(e: EventExplanation): SafeHtml {
  const c = e.clause;
  if (!c)
    return html`<p class="muted">The stored analysis kept no trace of the clause reading (the events stage records one when run with <code>trace</code>); the rule and the evidence spans above are what it stored.</p>`;
  return html`<dl class="facts">
    <dt>Verb group</dt><dd>${
      c.verbGroup
        ? html`“${c.verbGroup.text}”${[
            c.verbGroup.voice,
            c.verbGroup.tense,
            c.verbGroup.aspect,
            c.verbGroup.negated ? 'negated' : null,
          ]
            .filter(Boolean)
            .map((x) => html` <span class="pill">${x}</span>`)}`
        : html`<span class="muted">none found</span>`
    }</dd>
    <dt>Actor chosen by</dt><dd>${c.actorBy ?? '—'}</dd>
    <dt>Recipient chosen by</dt><dd>${c.recipientBy ?? '—'}</dd>
  </dl>
  ${
    c.rejected.length
      ? html`<h3>Readings set aside</h3><ul>${c.rejected.map(
          (r) =>
            html`<li>${r.type} by <code>${r.rule}</code>: ${r.reason}${r.score !== null ? ` (score ${r.score.toFixed(2)})` : ''}</li>`,
        )}</ul>`
      : ''
  }`;
}

/** `/documents/:id/events/:idx/explain`: why an event was coded, from what the store kept of it. */
export function explainPage(e: EventExplanation): string {
  const title = `Why ${e.type}: ${e.actor ?? '—'} → ${e.recipient ?? '—'}`;
  const r = e.rule;
  const body = html`<h1>${title}</h1>
  <p class="small muted">Event ${e.idx} of <a href="/documents/${e.docId}?event=${e.idx}#${anchors.event(e.idx)}">${e.title ?? e.docId.slice(0, 12)}</a> (${e.published ?? 'undated'})${
    e.happening
      ? html` · counted in <a href="/happenings/${e.happening.id}">happening ${e.happening.id}</a> (${e.happening.numMentions} mention${e.happening.numMentions === 1 ? '' : 's'}, ${e.happening.numSources} outlet${e.happening.numSources === 1 ? '' : 's'})`
      : ''
  } · <a href="/api${explainHref(e.docId, e.idx)}">as JSON</a></p>
  <h2 id="clause-evidence">The clause</h2>
  ${evidenceLegend()}
  <p>${evidenceSentence({ sentence: e.sentence, spans: e.spans })}</p>
  ${tellingsList(e)}
  <dl class="facts">
    <dt>Type</dt><dd>${e.type}${e.mode ? ` (${e.mode})` : ''}${e.cameo ? ` · CAMEO ${e.cameo}` : ''}${e.quad ? ` · quad ${e.quad}` : ''}${e.goldstein !== null ? ` · Goldstein ${e.goldstein}` : ''}</dd>
    <dt>Actor</dt><dd>${e.actor ?? '—'}</dd>
    <dt>Recipient</dt><dd>${e.recipient ?? '—'}</dd>
    <dt>Place</dt><dd>${e.location ?? '—'}</dd>
    <dt>Date</dt><dd>${e.date ?? html`<span class="muted">none stated</span>`}</dd>
  </dl>
  ${clause(e)}
  <h2 id="rule">Coded by</h2>
  <dl class="facts">
    <dt>Rule</dt><dd><code>${r.id}</code> — ${ORIGIN[r.origin]}</dd>
    <dt>It matches</dt><dd>${r.description}</dd>
    ${r.origin !== 'unknown' ? html`<dt>Note</dt><dd class="small muted">The rule as the rules define it today.</dd>` : ''}
    <dt>Decided by</dt><dd>${e.decidedBy ?? html`the rule <span class="small muted">(no classifier trace kept)</span>`}</dd>
    ${e.model ? html`<dt>Model</dt><dd><code>${e.model.name}</code>: ${e.model.label}, probability ${e.model.score.toFixed(2)}</dd>` : ''}
  </dl>
  <h2 id="status">Status</h2>
  <dl class="facts">
    <dt>Status</dt><dd>${e.status.status}</dd>
    <dt>Set by</dt><dd>${e.status.rule ? html`<code>${e.status.rule}</code> — ` : ''}${e.status.description}</dd>
  </dl>
  <h2 id="attribution">Attribution</h2>
  ${chain(e)}
  ${
    e.happening
      ? html`<h2 id="merge">Counted in happening ${e.happening.id}</h2><p>${e.happening.reason ?? '—'}</p>`
      : html`<h2 id="merge">Not counted in a happening</h2><p class="muted">Its document was stored before linking.</p>`
  }`;
  return workspaceLayout(title, body);
}
