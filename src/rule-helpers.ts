/** Wording and places that several rules share. */
import type { FunctionEntry, ProjectFile } from './project/index.js';
import type { LoaderCall } from './project/loaders.js';
import { locateInNotebook } from './python/notebook.js';
import { positionOf } from './python/positions.js';
import type { SeedingCall } from './project/seeding.js';
import type { RelatedPlace } from './rule.js';

export function lineOf(file: ProjectFile, offset: number): number {
  return positionOf(file.source.text, file, offset).line;
}

export function where(file: ProjectFile, offset: number): string {
  if (file.notebook) {
    const { cell, line } = locateInNotebook(file.notebook, file.source.text, offset);
    return `${file.displayPath}:cell ${cell}:${line}`;
  }
  return `${file.displayPath}:${lineOf(file, offset)}`;
}

export function sourceText(file: ProjectFile, span: { start: number; end: number }): string {
  return file.source.text.slice(span.start, span.end);
}

export function functionLabel(fn: FunctionEntry): string {
  return fn.fact.isLambda ? `a lambda at ${where(fn.file, fn.fact.start)}` : fn.fact.id;
}

export function describeWorkers(loader: LoaderCall): string {
  const argument = loader.builtBy?.argument ?? 'num_workers';
  if (loader.workers.kind === 'literal') return `${argument}=${loader.workers.value}`;
  if (loader.workers.kind === 'dynamic') return `${argument} that may be positive`;
  return 'no workers';
}

export function loaderPlace(loader: LoaderCall): RelatedPlace {
  return { file: loader.file, start: loader.call.start, end: loader.call.end, message: `${loader.builtBy ? `${loader.builtBy.name} (which builds a DataLoader)` : 'DataLoader'} with ${describeWorkers(loader)}` };
}

export function uniquePlaces(places: RelatedPlace[]): RelatedPlace[] {
  const seen = new Set<string>();
  return places.filter((place) => {
    const key = `${place.file.path}:${place.start}:${place.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Why a fix that seeds an RNG per worker is undone by worker code that reseeds it with a repeating seed (reported as RNG004). */
export function undoneBy(calls: readonly SeedingCall[], rng: string, reportedAs: string | null): string | undefined {
  if (calls.length === 0) return undefined;
  const first = calls[0];
  const call = sourceText(first.fn.file, first.call);
  const more = calls.length > 1 ? ` (and ${calls.length - 1} more)` : '';
  return `\`${call}\` in \`${functionLabel(first.fn)}\` (${where(first.fn.file, first.call.start)})${more} reseeds ${rng} in the worker after the fix seeds it, with a seed that repeats every epoch${reportedAs ? ` (${reportedAs})` : ''}; remove that seeding for the fix to take effect`;
}
