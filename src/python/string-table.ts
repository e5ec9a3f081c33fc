/**
 * One copy of each distinct string among many files' facts: facts repeat the
 * same short strings everywhere (`self`, `np.random`, the expression kinds).
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

}
