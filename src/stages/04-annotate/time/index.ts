export {
  createTimeScanner,
  findTimes,
  mayHoldTime,
  type ScanState,
  type TimeMatch,
  type TimexType,
} from './find-times.js';
export { granularityOf, timeStage } from './time-stage.js';
