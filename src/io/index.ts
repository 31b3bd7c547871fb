/**
 * Import/export layer: JSON text in (with exact syntax error positions), flow definitions out; faithful or canonical
 * export; Flows API payloads and shell commands. Pure TypeScript, runs in the browser and in Node.
 */

export {
  MAX_JSON_DEPTH,
  lineColumnToOffset,
  offsetToLineColumn,
  parseJson,
  type JsonSyntaxError,
  type ParseJsonResult,
} from './json';
export { isLegacyDefinition, type FlowSourceInfo, type ImportError, type SourceKind } from './detect';
export {
  LEGACY_FORMAT_MESSAGE,
  MAX_FILE_BYTES,
  MAX_OPEN_WIDGETS,
  MAX_TEXT_LENGTH,
  STUDIO_MAX_WIDGETS,
  fileTooLargeError,
  formatImportError,
  formatSize,
  importFlowBytes,
  importFlowText,
  importFlowValue,
  internalError,
  restorePublishSettings,
  restoreWidgetsText,
  tooManyWidgetsMessage,
  type PublishSettings,
  type ImportResult,
  type InputNote,
  type ParsedFlow,
  type RestoreWidgetsResult,
} from './restore';
export { decodeBytes, firstInvalidUtf8, type DecodeResult, type TextEncodingName } from './text';
export { describeLossyNumber, findLossyNumbers, lossOf, type LossyNumber } from './numbers';
export {
  canonicalizeDefinition,
  serializeDefinition,
  snapDefinitionOffsets,
  type CanonicalizeOptions,
  type SerializeOptions,
} from './serialize';
export {
  STUDIO_FLOWS_URL,
  createFlowPayload,
  curlCommand,
  flowPayloadFields,
  flowRequestUrl,
  formEncode,
  shellQuote,
  twilioCliCommand,
  updateFlowPayload,
  type CurlOptions,
  type FlowCommandInput,
  type FlowPayloadInput,
  type FlowStatus,
} from './payload';
