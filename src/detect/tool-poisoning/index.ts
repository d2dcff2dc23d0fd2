export { collectStrings, type DefinitionString } from './collect-strings.js';
export { DESCRIPTION_PATTERNS, type DescriptionPattern } from './description-patterns.js';
export { scanToolDefinition } from './scan-tool-definition.js';
export { findSensitiveReferences, type SensitiveReference } from './sensitive-files.js';
export type {
  ScanToolDefinitionOptions,
  ToolDefinition,
  ToolPoisoningFinding,
  ToolPoisoningType,
} from './tool-definition.js';
export { findSuspiciousParameters, type SuspiciousParameter } from './suspicious-parameters.js';
export { findToolNameReferences, type ToolNameReference } from './tool-name-references.js';
