/**
 * The flow document model: types, Liquid analysis, ports, graph queries, editing commands (split conditions
 * included), the clipboard and the widget-name rules.
 * Pure TypeScript (no React, no DOM, no storage); imports nothing outside src/model.
 */
export * from './types';
export * from './liquid';
export * from './ports';
export * from './graph';
export * from './commands';
export * from './clipboard';
export * from './conditions';
export * from './names';
export * from './object';
export * from './geometry';
