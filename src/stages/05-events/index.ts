export { compileCues, compileLexicon } from './compile-lexicon.js';
export {
  type CodedEvent,
  codeEvents,
  describeClauses,
  type EventsOptions,
  eventsStage,
  explainEvents,
  type SentenceEventTrace,
} from './events-stage.js';
export { nounForms, verbForms } from './inflect.js';
export { linkPlace } from './link-place.js';
