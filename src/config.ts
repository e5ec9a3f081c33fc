/**
 * `[tool.rng-fix]` in pyproject.toml, found from the first scanned path
 * upwards. Command-line flags override it. Invalid configuration is an error
 * that names the file and the key.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { STRATEGIES, type RuleCode, type Strategy } from './rule.js';

export interface FileConfig {
  /** The pyproject.toml the settings come from. */
  file: string;
  select?: RuleCode[];
  ignore?: RuleCode[];
  exclude?: string[];
  strategy?: Strategy;
  torchVersion?: string;
}

export class ConfigError extends Error {}

const KEYS = ['select', 'ignore', 'exclude', 'strategy', 'torch-version'];

function stringList(file: string, key: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new ConfigError(`${file}: [tool.rng-fix] ${key} must be a list of strings`);
  }
  return value as string[];
}

function ruleList(file: string, key: string, value: unknown, codes: ReadonlySet<RuleCode>): RuleCode[] {
  return stringList(file, key, value).map((code) => {
    if (!codes.has(code)) throw new ConfigError(`${file}: [tool.rng-fix] ${key}: unknown rule code "${code}"`);
    return code;
  });
}

/** The settings of `[tool.rng-fix]` in `text`; `codes` are the rule codes it may name. */
export function parseConfig(file: string, text: string, codes: ReadonlySet<RuleCode>): FileConfig | null {
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${file}: not valid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const section = (toml.tool as Record<string, unknown> | undefined)?.['rng-fix'];
  if (section === undefined) return null;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) throw new ConfigError(`${file}: [tool.rng-fix] must be a table`);
  const settings = section as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (!KEYS.includes(key)) throw new ConfigError(`${file}: [tool.rng-fix] unknown key "${key}" (known: ${KEYS.join(', ')})`);
  }
  const config: FileConfig = { file };
  if (settings.select !== undefined) config.select = ruleList(file, 'select', settings.select, codes);
  if (settings.ignore !== undefined) config.ignore = ruleList(file, 'ignore', settings.ignore, codes);
  if (settings.exclude !== undefined) config.exclude = stringList(file, 'exclude', settings.exclude);
  if (settings.strategy !== undefined) {
    if (typeof settings.strategy !== 'string' || !STRATEGIES.includes(settings.strategy as Strategy)) {
      throw new ConfigError(`${file}: [tool.rng-fix] strategy must be one of ${STRATEGIES.join(', ')}`);
    }
    config.strategy = settings.strategy as Strategy;
  }
  const torchVersion = settings['torch-version'];
  if (torchVersion !== undefined) {
    if (typeof torchVersion !== 'string' || !/^\d+(\.\d+)*/.test(torchVersion)) {
      throw new ConfigError(`${file}: [tool.rng-fix] torch-version must be a version string such as "1.8"`);
    }
    config.torchVersion = torchVersion;
  }
  return config;
}

/** The nearest pyproject.toml with a `[tool.rng-fix]` table, from `start` upwards; `codes` are the known rule codes. */
export function findConfig(start: string, codes: ReadonlySet<RuleCode>): FileConfig | null {
  let directory = path.resolve(start);
  if (existsSync(directory) && !statSync(directory).isDirectory()) directory = path.dirname(directory);
  for (;;) {
    const candidate = path.join(directory, 'pyproject.toml');
    if (existsSync(candidate)) {
      const config = parseConfig(candidate, readFileSync(candidate, 'utf8'), codes);
      if (config) return config;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return null;
    directory = parent;
  }
}
