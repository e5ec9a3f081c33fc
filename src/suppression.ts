/**
 * Suppression comments on the reported line: `# noqa` (every rule),
 * `# noqa: RNG002` or `# noqa: RNG001, RNG002`, and `# rng-fix: ignore`.
 */
const NOQA = /#\s*noqa(?::\s*([A-Za-z]+\d+(?:[\s,]+[A-Za-z]+\d+)*))?/i;
const IGNORE = /#\s*rng-fix:\s*ignore\b/i;

export function isSuppressed(lineText: string, code: string): boolean {
  const hash = lineText.indexOf('#');
  if (hash < 0) return false;
  const comment = lineText.slice(hash);
  if (IGNORE.test(comment)) return true;
  const noqa = NOQA.exec(comment);
  if (!noqa) return false;
  if (!noqa[1]) return true;
  return noqa[1].split(/[\s,]+/).some((listed) => listed.toUpperCase() === code);
}
