import type { EventEvidence } from '../../services/workspace-evidence.js';
import { renderHighlighted } from '../highlight.js';
import { html, raw, type SafeHtml } from '../html.js';

const ROLE_LABEL = {
  trigger: 'event words',
  merged: 'event words (merged)',
  actor: 'actor',
  recipient: 'recipient',
  location: 'place',
} as const;

/** The sentence of an event with its evidence spans marked (trigger, actor, recipient, place). */
export function evidenceSentence(e: Pick<EventEvidence, 'sentence' | 'spans'>): SafeHtml {
  const spans = e.spans.map((s) => ({
    start: s.start,
    end: s.end,
    className: `ev ev-${s.role}`,
    title: ROLE_LABEL[s.role],
    priority: s.role === 'trigger' ? 1 : 0,
  }));
  return html`<q class="evidence">${raw(renderHighlighted(e.sentence.text, spans))}</q>`;
}

/** A legend for the evidence marks. */
export function evidenceLegend(): SafeHtml {
  return html`<p class="legend small"><span class="ev ev-trigger">event words</span><span class="ev ev-actor">actor</span>
  <span class="ev ev-recipient">recipient</span><span class="ev ev-location">place</span></p>`;
}

/** "according to CNN, citing the Kremlin", or that the article states it itself. */
export function chainText(e: EventEvidence): SafeHtml {
  if (e.chain.length === 0) return html`<span class="muted">stated by the article itself</span>`;
  return html`${e.chain.map(
    (link, k) =>
      html`${k === 0 ? 'according to ' : ', citing '}<strong>${link.source}</strong> <span class="small muted">(“${link.cue}”, ${link.rule})</span>`,
  )}`;
}

/** What coded the event: its rule, the status cue, and the model when a trace was kept. */
export function codedBy(e: EventEvidence): SafeHtml {
  return html`<code>${e.rule}</code>${e.statusRule && html` · status by <code>${e.statusRule}</code>`}${
    e.model &&
    html` · ${e.decidedBy ?? ''} model <code>${e.model.name}</code> (${e.model.label}, ${e.model.score.toFixed(2)})`
  }`;
}

/** The other sentences of the article that tell the same event, each with its trigger marked. */
export function tellingsList(e: Pick<EventEvidence, 'tellings'>): SafeHtml {
  if (e.tellings.length === 0) return html``;
  return html`<div class="tellings"><p class="small muted">Told again in this article (merged into this event):</p><ul>${e.tellings.map(
    (t) =>
      html`<li>${evidenceSentence(t)} <span class="small muted">sentence ${t.sentence.index + 1}, <code>${t.rule}</code></span></li>`,
  )}</ul></div>`;
}
