export { annotateEntities, type EntitiesOptions, entitiesStage } from './annotate-entities.js';
export { compilePhrases, type PhraseMatch, type PhraseMatcher } from './phrase-matcher.js';
export { type SectorInfo, sectorForWord, sectors } from './sectors.js';
