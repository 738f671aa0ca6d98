import { wordList } from '../word-list.js';
import verbData from './reporting-verbs.json' with { type: 'json' };

/**
 * English words that more than one stage needs, each defined once (see README.md). Stages import
 * the checked lists from here, never the JSON, and combine the groups they need.
 */

export const reportingVerbs = {
  /** Only say that something was said: "said", "reported", "told". */
  neutral: wordList(verbData.neutral, 'lexicon/reporting-verbs neutral'),
  /** Report speech and take a stance or act with it: "condemned", "urged", "denied". */
  evaluative: wordList(verbData.evaluative, 'lexicon/reporting-verbs evaluative'),
  /** Attribute a view: "believes", "thinks". */
  cognition: wordList(verbData.cognition, 'lexicon/reporting-verbs cognition'),
};
