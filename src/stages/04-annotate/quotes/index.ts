export { annotateQuotes, quotesStage } from './annotate-quotes.js';
