export { scoreInjection, injectionThreshold } from './default-scorer.js';
export { createInjectionScorer, type InjectionScorer } from './injection-scorer.js';
export { loadInjectionModel, DEFAULT_MODEL_URL } from './load-model.js';
export { encodeInjectionModel, decodeInjectionModel } from './model-format.js';
export type { InjectionModel, PlattCalibration } from './injection-model.js';
export { Featurizer } from './featurizer.js';
export { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './feature-config.js';
export { windowStarts } from './windows.js';
