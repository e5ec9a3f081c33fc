/**
 * Which torch versions the project admits, read from its requirement files
 * (found from the scanned paths upwards). Torch 1.9 started reseeding NumPy's
 * global RNG in every worker, so RNG001 depends on whether older releases are
 * allowed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

export interface TorchConstraint {
  file: string;
  spec: string;
}

export interface TorchVersionPolicy {
  /** Whether the project may run a torch older than 1.9. */
  admitsBefore19: boolean;
  /** Why, in words for messages: `torch>=1.4 in requirements.txt`, `--torch-version 2.1`, `no torch constraint found`. */
  evidence: string;
}

const FIXED_NUMPY_SEEDING = [1, 9];

interface Clause {
  op: string;
  version: number[];
  wildcard: boolean;
}

export function parseVersion(text: string): number[] {
  return text
    .replace(/^v/, '')
    .split(/[.+-]/)
    .map((part) => /^(\d+)/.exec(part)?.[1])
    .filter((part): part is string => part !== undefined)
    .map(Number);
}

export function compareVersions(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** PEP 440, Poetry (`^`, `~`) and conda (`=1.8`) specifier sets, as clauses. */
export function parseSpecifier(spec: string): Clause[] | null {
  const clauses: Clause[] = [];
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (!part || part === '*') continue;
    const match = /^(===|==|~=|!=|<=|>=|<|>|\^|~|=)?\s*([0-9][0-9a-zA-Z.*+!-]*)$/.exec(part);
    if (!match) return null;
    const op = match[1] ?? '==';
    const wildcard = match[2].endsWith('*');
    clauses.push({ op, version: parseVersion(match[2].replace(/\.?\*$/, '')), wildcard });
  }
  return clauses;
}

/** Whether some version below 1.9 satisfies every clause: the lowest version they allow is below 1.9. */
export function clausesAdmitBefore19(clauses: Clause[]): boolean {
  let lowest: number[] = [0];
  for (const clause of clauses) {
    const exact = (clause.op === '==' || clause.op === '===') && !clause.wildcard;
    if (exact) return compareVersions(clause.version, FIXED_NUMPY_SEEDING) < 0;
    if (['>=', '>', '~=', '^', '~', '==', '==='].includes(clause.op) && compareVersions(clause.version, lowest) > 0) lowest = clause.version;
  }
  return compareVersions(lowest, FIXED_NUMPY_SEEDING) < 0;
}

/**
 * The specifier of a requirement line naming `name` (`torch>=1.8,<2`), or null
 * for other packages. conda names torch `pytorch`.
 */
function specOf(line: string, name: string, conda: boolean): string | null {
  const withoutMarker = line.split(';')[0].split('#')[0].trim();
  const names = name === 'torch' && conda ? '(?:py)?torch' : name.replace(/[-_.]/g, '[-_.]');
  const match = new RegExp(`^\\s*${names}\\s*(\\[[^\\]]*\\])?\\s*(.*)$`, 'i').exec(withoutMarker);
  if (!match) return null;
  const rest = match[2].trim();
  if (rest && !/^[<>=!~^*0-9]/.test(rest)) return null; // torchvision, torch-geometric, torch @ url
  return rest;
}

function requirementLines(file: string, text: string): string[] {
  const base = path.basename(file);
  if (base === 'pyproject.toml') {
    const toml = parseToml(text) as Record<string, any>;
    // Install requirements only: optional extras (`[project.optional-dependencies]`) are not what the code runs on.
    const lines: string[] = [...(toml.project?.dependencies ?? [])];
    const poetryGroups = [toml.tool?.poetry?.dependencies, ...Object.values(toml.tool?.poetry?.group ?? {}).map((group: any) => group?.dependencies)];
    for (const dependencies of poetryGroups) {
      for (const [name, requirement] of Object.entries(dependencies ?? {})) {
        if (typeof requirement === 'string') lines.push(`${name} ${requirement}`);
        else if (requirement && typeof (requirement as { version?: unknown }).version === 'string') lines.push(`${name} ${(requirement as { version: string }).version}`);
      }
    }
    return lines;
  }
  if (base === 'setup.py') {
    return [...text.matchAll(/["']([A-Za-z][\w.-]*\s*(?:[<>=!~][^"']*)?)["']/g)].map((match) => match[1]);
  }
  if (base === 'setup.cfg') {
    const section = /install_requires\s*=([\s\S]*?)(?:\n\S|\n\[|$)/.exec(text);
    return section ? section[1].split('\n') : [];
  }
  if (/^environment\.ya?ml$/.test(base)) {
    const yaml = parseYaml(text) as { dependencies?: unknown[] } | null;
    const lines: string[] = [];
    for (const dependency of yaml?.dependencies ?? []) {
      if (typeof dependency === 'string') lines.push(dependency.replace(/^[\w-]+::/, ''));
      else if (dependency && typeof dependency === 'object' && Array.isArray((dependency as { pip?: unknown[] }).pip)) {
        lines.push(...(dependency as { pip: string[] }).pip);
      }
    }
    return lines;
  }
  return text.split(/\r?\n/);
}

function requirementFilesIn(directory: string): string[] {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return [];
  }
  return names
    .filter((name) => /^requirements.*\.txt$/.test(name) || ['setup.py', 'setup.cfg', 'pyproject.toml', 'environment.yml', 'environment.yaml'].includes(name))
    .sort()
    .map((name) => path.join(directory, name));
}

/** Torch constraints of the nearest directory, from `start` upwards, that declares any. */
export function findTorchConstraints(start: string): TorchConstraint[] {
  return findPackageConstraints(start, 'torch');
}

/** Constraints on package `name` of the nearest directory, from `start` upwards, that declares any. */
export function findPackageConstraints(start: string, name: string): TorchConstraint[] {
  let directory = path.resolve(start);
  if (existsSync(directory) && !statSync(directory).isDirectory()) directory = path.dirname(directory);
  for (;;) {
    const constraints: TorchConstraint[] = [];
    for (const file of requirementFilesIn(directory)) {
      let lines: string[];
      try {
        lines = requirementLines(file, readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      const conda = /environment\.ya?ml$/.test(file);
      for (const line of lines) {
        const spec = specOf(line, name, conda);
        if (spec !== null) constraints.push({ file, spec: conda ? spec.replace(/^=(?!=)/, '==').replace(/^==([\d.]+)$/, '==$1.*') : spec });
      }
    }
    if (constraints.length > 0) return constraints;
    const parent = path.dirname(directory);
    if (parent === directory) return [];
    directory = parent;
  }
}

/** The torch version policy of each file: from the requirement files nearest to it (or `--torch-version`), read once per folder. */
export interface TorchVersions {
  forFile(absolutePath: string): TorchVersionPolicy;
}

export function torchVersionsByFile(override: string | undefined, cwd: string): TorchVersions {
  const byFolder = new Map<string, TorchVersionPolicy>();
  return {
    forFile(absolutePath) {
      const folder = path.dirname(absolutePath);
      let policy = byFolder.get(folder);
      if (!policy) {
        policy = torchVersionPolicy([folder], override, cwd);
        byFolder.set(folder, policy);
      }
      return policy;
    },
  };
}

export function torchVersionPolicy(scannedPaths: string[], override: string | undefined, cwd: string): TorchVersionPolicy {
  if (override) {
    return {
      admitsBefore19: compareVersions(parseVersion(override), FIXED_NUMPY_SEEDING) < 0,
      evidence: `--torch-version ${override}`,
    };
  }
  const constraints = scannedPaths.flatMap((scanned) => findTorchConstraints(scanned));
  if (constraints.length === 0) return { admitsBefore19: true, evidence: 'no torch version constraint was found' };
  const clauses: Clause[] = [];
  for (const constraint of constraints) {
    const parsed = parseSpecifier(constraint.spec);
    if (parsed) clauses.push(...parsed);
  }
  const described = [...new Set(constraints.map((constraint) => `torch${constraint.spec ? constraint.spec.replace(/\s+/g, '') : ' (unpinned)'} in ${path.relative(cwd, constraint.file).replace(/\\/g, '/')}`))].join(', ');
  return { admitsBefore19: clausesAdmitBefore19(clauses), evidence: described };
}

/**
 * Whether every specifier set in `specs` admits some version in [low, high)
 * (null: unbounded on that side). The admitted versions of a set are taken as
 * the interval between its lower and upper bounds; `!=` clauses are ignored.
 */
export function admitsVersionIn(specs: readonly string[], low: number[] | null, high: number[] | null): boolean {
  let lowest: number[] = low ?? [0];
  let below: number[] | null = high;
  const lower = (version: number[]) => {
    if (compareVersions(version, lowest) > 0) lowest = version;
  };
  const upper = (version: number[]) => {
    if (below === null || compareVersions(version, below) < 0) below = version;
  };
  for (const spec of specs) {
    for (const clause of parseSpecifier(spec) ?? []) {
      const { op, version } = clause;
      if (op === '>=' || op === '>') lower(version);
      else if (op === '<' || op === '<=') upper(op === '<=' ? [...version, 1] : version);
      else if ((op === '==' || op === '===' || op === '=') && !clause.wildcard) {
        lower(version);
        upper([...version, 1]);
      } else if (op === '==' && clause.wildcard) {
        lower(version);
        upper([...version.slice(0, -1), (version[version.length - 1] ?? 0) + 1]);
      } else if (op === '~=' || op === '~') {
        lower(version);
        const kept = version.length > 1 ? version.slice(0, -1) : version;
        upper([...kept.slice(0, -1), (kept[kept.length - 1] ?? 0) + 1]);
      } else if (op === '^') {
        lower(version);
        const first = version.findIndex((part) => part !== 0);
        const position = first < 0 ? version.length - 1 : first;
        upper([...version.slice(0, position), version[position] + 1]);
      }
    }
  }
  return below === null || compareVersions(lowest, below) < 0;
}
