export type { Analysis } from './core/analysis.js';
export { ANALYSIS_FORMAT, toAnalysis } from './core/analysis.js';
export type * from './core/doc.js';
export { createDoc, spanText } from './core/doc.js';
export { contentHash } from './core/hash.js';
export { createPipeline, runStage } from './core/runner.js';
export type { Stage, StageResult } from './core/stage.js';
export { type AnalyzeOptions, analyze, analyzeDoc, documentStages } from './pipeline.js';
