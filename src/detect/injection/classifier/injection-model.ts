import type { Channel } from '../../finding.js';
import type { FeatureConfig } from './feature-config.js';

/** Platt scaling: probability = 1 / (1 + exp(-(a * margin + b))). */
export interface PlattCalibration {
  method: 'platt';
  a: number;
  b: number;
}

/** A loaded classifier: linear weights over hashed features plus what turns margins into decisions. */
export interface InjectionModel {
  features: Readonly<FeatureConfig>;
  /** One weight per hash bucket (2^bits), already dequantized. */
  weights: Float32Array;
  bias: number;
  calibration: PlattCalibration;
  /** Default decision thresholds on the calibrated probability, per channel. */
  thresholds: Readonly<Record<Channel, number>>;
  /** Free-form facts about how the model was trained (data, seed, metrics), for people. */
  training: Readonly<Record<string, unknown>>;
}
