/** Findings as lines of text, in the `path:line:column: CODE message` form editors link. */
import pc from 'picocolors';
import type { Finding, FileProblem, Location } from '../engine.js';

export interface TextOptions {
  color: boolean;
}

export function formatFindingsText(findings: Finding[], options: TextOptions): string {
  const colors = pc.createColors(options.color);
  const lines: string[] = [];
  for (const finding of findings) {
    const place = colors.bold(`${where(finding)}:`);
    const confidence = finding.confidence === 'possible' ? colors.yellow(' (possible)') : '';
    lines.push(`${place} ${colors.red(finding.code)}${confidence} ${finding.message}`);
    for (const related of finding.related) lines.push(`    ${colors.dim(`${where(related)}:`)} ${related.message}`);
    if (finding.fix) lines.push(`    ${colors.green('fix:')} ${finding.fix}`);
    else lines.push(`    ${colors.dim(`no fix: ${finding.unfixableReason}`)}`);
    if (finding.notEffectiveReason) lines.push(`    ${colors.yellow('not effective:')} ${finding.notEffectiveReason}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** `path:line:column`, or `notebook.ipynb:cell 3:line:column`. */
export function where(location: Location): string {
  return `${location.path}:${location.cell === undefined ? '' : `cell ${location.cell}:`}${location.line}:${location.column}`;
}

export function formatProblems(problems: FileProblem[], options: TextOptions): string {
  const colors = pc.createColors(options.color);
  return problems.map((problem) => `${colors.yellow('warning:')} ${problem.path}: ${problem.message}\n`).join('');
}

export function formatSummary(findings: Finding[], filesScanned: number, extra: string[] = []): string {
  const fixable = findings.filter((finding) => finding.fixable).length;
  const notEffective = findings.filter((finding) => finding.notEffectiveReason !== null).length;
  const byRule = new Map<string, number>();
  for (const finding of findings) byRule.set(finding.code, (byRule.get(finding.code) ?? 0) + 1);
  const rules = [...byRule].map(([code, count]) => `${code}: ${count}`).join(', ');
  const head =
    findings.length === 0
      ? `No findings in ${filesScanned} ${filesScanned === 1 ? 'file' : 'files'}.`
      : `Found ${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} (${rules}) in ${filesScanned} ${filesScanned === 1 ? 'file' : 'files'}; ${fixable} fixable${notEffective > 0 ? ` (${notEffective} not effective until other seeding is removed)` : ''}.`;
  return `${[head, ...extra].join(' ')}\n`;
}

/** Colours a unified diff for a terminal. */
export function colorDiff(diff: string, color: boolean): string {
  if (!color) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return pc.bold(line);
      if (line.startsWith('+')) return pc.green(line);
      if (line.startsWith('-')) return pc.red(line);
      if (line.startsWith('@@')) return pc.cyan(line);
      return line;
    })
    .join('\n');
}
