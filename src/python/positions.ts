/** 1-based line and column of offsets in a file's decoded text (columns count UTF-16 units, as editors do). */
const lineStartsCache = new WeakMap<object, number[]>();

function lineStarts(text: string, key: object): number[] {
  let starts = lineStartsCache.get(key);
  if (!starts) {
    starts = [0];
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
    lineStartsCache.set(key, starts);
  }
  return starts;
}

export function positionOf(text: string, key: object, offset: number): { line: number; column: number } {
  const starts = lineStarts(text, key);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}
