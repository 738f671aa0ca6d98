export { type HighlightSpan, renderHighlighted } from './highlight.js';
export { escapeHtml, html, raw, SafeHtml } from './html.js';
export { analysisSpans, anchors } from './layers.js';
export { registerWebRoutes } from './routes.js';
