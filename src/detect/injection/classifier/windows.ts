/**
 * Start offsets of the windows a text of `length` code units is scored in: one window when it
 * fits, else windows of `window` every `stride`, the last one flush with the end. With
 * stride <= window / 2, any span up to `window - stride` long lies whole inside some window, so an
 * injection buried in a long tool result is not diluted by the text around it.
 *
 * @example
 * windowStarts(5000, 2048, 1024) // [0, 1024, 2048, 2952]
 */
export function windowStarts(length: number, window: number, stride: number): number[] {
  if (length <= window) return [0];
  const starts: number[] = [];
  for (let s = 0; s + window < length; s += stride) starts.push(s);
  starts.push(length - window);
  return starts;
}
