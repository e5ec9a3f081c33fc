/**
 * One copy of each distinct string among many files' facts. Facts repeat the
 * same short strings everywhere (`self`, `np.random`, the expression kinds),
 * and facts made in a worker thread arrive as a structured clone, which makes
 * a new copy of every string in every file: on the bench corpus, a third of
 * the main thread's string memory was such copies.
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  /** Replaces, in place, every string held in `value` (plain objects and arrays, as facts are) by the table's copy. */
  internAll(value: object): void {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index];
        if (typeof item === 'string') value[index] = this.intern(item);
        else if (item !== null && typeof item === 'object') this.internAll(item);
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'string') record[key] = this.intern(item);
      else if (item !== null && typeof item === 'object') this.internAll(item);
    }
  }
}
