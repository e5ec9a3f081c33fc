/**
 * Validation against the SARIF 2.1.0 JSON schema, as shipped by Microsoft's
 * SARIF SDK in the `@microsoft/sarif-multitool` package (its per-platform
 * package holds `sarif-2.1.0.json`), checked with ajv and ajv-formats.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const PLATFORM_PACKAGE = `@microsoft/sarif-multitool-${process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux'}`;
export const SARIF_SCHEMA_PATH = require.resolve(`${PLATFORM_PACKAGE}/sarif-2.1.0.json`);

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));

/** The schema violations of a SARIF log, as readable lines; empty when it is valid. */
export function sarifSchemaErrors(text: string): string[] {
  if (validate(JSON.parse(text))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}
