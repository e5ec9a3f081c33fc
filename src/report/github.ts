/** Findings as GitHub Actions workflow commands, which show up as annotations on the pull request. */
import type { Finding } from '../engine.js';
import type { Rule } from '../rule.js';

/** Escaping for the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for property values (`file=`, `title=`), which also may not hold `:` or `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `repositoryPath` turns a finding's path (relative to the working directory) into the path GitHub expects, relative to the repository root. */
export function formatGithub(findings: Finding[], rules: readonly Rule[], repositoryPath: (path: string) => string = (path) => path): string {
  return findings
    .map((finding) => {
      const cell = finding.cell === undefined ? '' : ` (cell ${finding.cell})`;
      const title = `${finding.code} ${rules.find((rule) => rule.code === finding.code)?.name ?? ''}${cell}`.trim();
      const properties = [
        `file=${escapeProperty(repositoryPath(finding.path))}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(title)}`,
      ].join(',');
      return `::error ${properties}::${escapeData(finding.message)}\n`;
    })
    .join('');
}
