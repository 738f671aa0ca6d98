import { analyze } from '../../src/pipeline.js';

/**
 * The events the whole pipeline codes in `text`, each as the fields the events tests assert on:
 * the trigger's words, type, status and the cue that set it, the rule, the actor's text, country and
 * sector, the recipient's text and the date. Shared by the events stage's tests of sentences
 * written for them (src/stages/05-events/*.test.ts).
 */
export function codedEvents(text: string, published = '2024-05-16') {
  const a = analyze(text, { published });
  return a.events.map((e) => ({
    trigger: a.text.slice(e.trigger.start, e.trigger.end),
    type: e.type,
    status: e.status,
    statusRule: e.statusRule,
    rule: e.rule,
    actor: e.actor?.text,
    actorCountry: e.actor?.country,
    actorSector: e.actor?.sector,
    recipient: e.recipient?.text,
    date: e.date,
  }));
}
