export { type CleanResult, cleanStage, cleanText, findRemoved } from './clean.js';
export {
  contentStems,
  FOREIGN_LEAD_RULE,
  flagForeignLead,
  type LeadMeasure,
  measureLead,
  overlapScore,
} from './flag-foreign-lead.js';
export { findBoilerplate, matchBoilerplate, normaliseLine } from './remove-boilerplate.js';
export { findDuplicates, MIN_DUPLICATE_WORDS } from './remove-duplicates.js';
