/**
 * Studio executions: the Execution, Step and Context resources read from API responses or Twilio CLI output, the
 * path of an execution through its flow, summaries of many executions, and the Liquid that reads a context value.
 * Pure TypeScript: runs in the browser and in Node.
 */

export { END_OF_FLOW, type ContextRecord, type ExecutionRecord, type StepRecord } from './types';
export {
  mergeExecutionsData,
  readExecutionsBytes,
  readExecutionsText,
  readExecutionsValue,
  type ExecutionsData,
  type ExecutionsImport,
  type ExecutionsKind,
  type PageInfo,
} from './read';
export {
  executionPath,
  groupStepsByExecution,
  sameFlowIndex,
  type ExecutionPath,
  type MissingTransition,
  type PathGap,
  type PathMismatch,
  type PathStep,
  type PathTransition,
  type PathVisit,
} from './path';
export {
  FAILURE_EVENT,
  TOP_PATHS,
  isFailureEvent,
  summarizeExecutions,
  type ExecutionsSummary,
  type FailureEnding,
  type FailureStats,
  type MissingTransitionStats,
  type MissingWidgetStats,
  type PathStats,
  type SummaryMismatch,
  type SummaryOptions,
  type SummaryTotals,
  type TransitionStats,
  type WidgetStats,
} from './summary';
export {
  CSV_COLUMNS,
  csvCell,
  summaryToCsv,
  summaryToJson,
  summaryToMarkdown,
  type SummaryMarkdownOptions,
} from './report';
export { liquidExpression, liquidPath } from './liquid';
