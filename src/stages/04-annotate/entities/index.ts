export { annotateEntities, type EntitiesOptions, entitiesStage } from './annotate-entities.js';
