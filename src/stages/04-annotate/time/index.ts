export { calendarDate, type Day, parseAnchor } from './calendar-math.js';
export {
  createTimeScanner,
  findTimes,
  mayHoldTime,
  type ScanState,
  type TimeMatch,
  type TimexType,
} from './find-times.js';
export { granularityOf, timeStage } from './time-stage.js';
