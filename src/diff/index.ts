/**
 * The revision diff: compare two flow definitions (src/diff/diff.ts), show it as Markdown or as a JSON report, and
 * decide what a view shows with layout hidden. Pure TypeScript: runs in the browser, in Node tests and in the CLI.
 */
export * from './types';
export { diffFlows } from './diff';
export { diffToMarkdown, inlineCode, MAX_VALUE_LENGTH, type DiffMarkdownOptions } from './markdown';
export { diffToReport, type DiffReport, type DiffReportChange, type DiffReportOptions } from './report';
export { effectiveKind, effectiveKinds, isVisibleChange } from './visibility';
export { RENAME_THRESHOLD } from './renames';
export { canonicalJson, comparePointers, deepEqual } from './values';
