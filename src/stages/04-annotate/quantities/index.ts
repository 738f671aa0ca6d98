export { annotateQuantities, quantitiesStage } from './annotate-quantities.js';
