export { detect, type DetectOptions } from './detect.js';
export type { Channel, Finding, FindingKind, Match } from './finding.js';
export { sanitizeHtml, type SanitizeHtmlOptions } from './html/index.js';
export { findEncodedLayers, type EncodedLayer, type LayerEncoding } from './normalize/decode-layers.js';
export { normalizeText, type HiddenSpan, type NormalizedText } from './normalize/normalize-text.js';
export { applyRedactions, redact, type RedactOptions, type RedactResult } from './redact.js';
export { FINDING_KINDS, INJECTION_THRESHOLD, scan, type ScanOptions, type ScanResult } from './scan.js';
export { StreamRedactor, type StreamChunkResult, type StreamRedactorOptions } from './stream-redactor.js';
export { scanToolDefinition } from './tool-poisoning/index.js';
export type {
  ScanToolDefinitionOptions,
  ToolDefinition,
  ToolPoisoningFinding,
  ToolPoisoningType,
} from './tool-poisoning/index.js';
