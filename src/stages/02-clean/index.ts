export { cleanStage, findRemoved } from './clean.js';
export { findBoilerplate, matchBoilerplate, normaliseLine } from './remove-boilerplate.js';
export { findDuplicates, MIN_DUPLICATE_WORDS } from './remove-duplicates.js';
