/**
 * @cc1357/ivr-flows — IVR menus as data: the flow language, its validator, the pure runner, the
 * 1357 flow set, prompts and business hours.
 */
export type * from './runner/contract';
export type { CompiledFlow, IvrState, FlowDefinition, CataloguePrompt, VarValue } from './runner/types';
export type { FlowNode } from './nodes/node-types';
export { startIvr, stepIvr, type IvrStep } from './runner/machine';

export type { Problem } from './schema/common';
export {
  loadFlowSet,
  loadFlowSetOrThrow,
  validateFlowFiles,
  formatProblems,
  type LoadOptions,
} from './load/load-flow-set';
export {
  watchFlowSet,
  type FlowSetWatcher,
  type WatchOptions,
  type WatchLogger,
  type WatchedFlowSet,
} from './load/watch';
export { compileFlowSet, type FlowSetResult, type SourceFile } from './validate/flow-set';
export { NODE_TYPES } from './nodes/registry';

export { promptCatalogue, estimateDurationMs, promptMedia } from './prompts/catalogue';
export { defaultFlowsDir, defaultAudioDir, defaultPromptTextsFile } from './paths';

export {
  isBusinessOpen,
  businessStatus,
  holidayNames,
  localTime,
  DEFAULT_CALENDAR,
  WEEKDAYS,
  type BusinessCalendar,
  type BusinessStatus,
  type TimeRange,
  type Weekday,
} from './calendar/calendar';
export { officialHolidayNames, holidayDataCovers } from './calendar/holidays';
export { CalendarFile, compileCalendar, parseTimeRange } from './calendar/calendar-file';
export { DIGIT_VALIDATORS, DIGIT_VALIDATOR_NAMES, isKoreanPhone, isKoreanMobile } from './validators/index';
export { simulate, describeOutcome, type SimulateOptions, type SimulationResult } from './simulate/simulate';
export { PLATFORM_PROMPT_IDS, type PlatformPromptId } from './prompts/platform';
