/**
 * Local persistence of the open document: saved in this browser after every change, per tab, restored on reload,
 * offered on the start screen of a new tab. See engine.ts for the behaviour, records.ts for the formats,
 * indexedDb.ts/backend.ts/storage.ts for where records live, tabs.ts for locks and the channel, scheduler.ts for
 * when writes happen.
 */
export {
  PersistenceEngine,
  initialUiState,
  type EngineOptions,
  type PersistenceActions,
  type PersistenceNotice,
  type PersistencePrompt,
  type PersistenceUiState,
  type SaveIndicator,
  type SavedEntry,
  type UnreadableEntry,
} from './engine';
export { formatSavedAt, type SavedSession } from './records';
export { openBrowserDocumentStorage } from './storage';
export { createTabCoordinator, randomId, readTabDocumentId, writeTabDocumentId } from './tabs';
