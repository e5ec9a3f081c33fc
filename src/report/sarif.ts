/** Findings as SARIF 2.1.0, the format GitHub code scanning accepts. */
import type { Finding } from '../engine.js';
import type { Rule } from '../rule.js';

export interface SarifInput {
  version: string;
  /** The rules that ran, described in the log's driver. */
  rules: readonly Rule[];
  findings: Finding[];
  /** Turns a finding's path (relative to the working directory) into a repository-relative path with `/` separators. */
  repositoryPath: (path: string) => string;
}

const INFORMATION_URI = 'https://www.npmjs.com/package/rng-fix';

/** A relative path as a URI reference: each segment percent-encoded (RFC 3986), `/` kept between them. */
export function pathToUriReference(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(input: SarifInput): string {
  const rules = input.rules.map((rule) => ({
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.docs.whatItDoes.trim().replace(/\s*\n\s*/g, ' ') },
    help: {
      text: `${rule.docs.whyIsThisBad.trim()}\n\nFix: ${rule.docs.fixSafety.trim()}`,
      markdown: `${rule.docs.whyIsThisBad.trim()}\n\n**Example**\n\n\`\`\`python\n${rule.docs.example.trim()}\n\`\`\`\n\n**Use instead**\n\n\`\`\`python\n${rule.docs.useInstead.trim()}\n\`\`\``,
    },
    helpUri: `${INFORMATION_URI}#${rule.code.toLowerCase()}-${rule.name}`,
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['reliability', 'reproducibility', 'machine-learning'] },
  }));
  const region = (location: { line: number; column: number; endLine: number; endColumn: number }) => ({
    startLine: location.line,
    startColumn: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  });
  const results = input.findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: input.rules.findIndex((rule) => rule.code === finding.code),
    level: 'error',
    message: { text: finding.cell === undefined ? finding.message : `cell ${finding.cell}, line ${finding.line}: ${finding.message}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: pathToUriReference(input.repositoryPath(finding.path)), uriBaseId: '%SRCROOT%' }, region: region(finding) } }],
    relatedLocations: finding.related.map((related, index) => ({
      id: index + 1,
      message: { text: related.message },
      physicalLocation: { artifactLocation: { uri: pathToUriReference(input.repositoryPath(related.path)), uriBaseId: '%SRCROOT%' }, region: region(related) },
    })),
    partialFingerprints: { primaryLocationLineHash: finding.fingerprint },
    properties: { confidence: finding.confidence, fixable: finding.fixable, ...(finding.cell === undefined ? {} : { cell: finding.cell }) },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'rng-fix', version: input.version, informationUri: INFORMATION_URI, rules } }, results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
