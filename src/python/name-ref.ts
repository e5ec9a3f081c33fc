/**
 * Making NameRefs and asking where their parts end. Most names are spelled in
 * the source exactly as their chain (`np.random.rand`), so the end of each
 * part follows from the chain and its start; only the rest (`np .random`,
 * `self.x[0]` read as one object) keep their ends in an array, which on a
 * large project saves an array per name read.
 */
import type { NameRef } from './fact-types.js';

/** A NameRef for `chain` at `start` whose parts end at `ends`. */
export function nameRef(chain: string, start: number, ends: readonly number[], qname: string | null): NameRef {
  return { chain, start, qname, spelledEnds: endsFollowChain(chain, start, ends) ? null : ends.slice() };
}

/** The end offset of each part: `[end of np, end of np.random, ...]`. */
export function partEnds(ref: NameRef): number[] {
  return ref.spelledEnds ? ref.spelledEnds.slice() : chainEnds(ref.chain, ref.start);
}

/** The end offset of part `index` (0 is the head); by default, of the whole name. */
export function partEnd(ref: NameRef, index?: number): number {
  if (ref.spelledEnds) return ref.spelledEnds[index ?? ref.spelledEnds.length - 1];
  if (index === undefined) return ref.start + ref.chain.length;
  let end = -1;
  for (let part = 0; part <= index; part++) {
    end = ref.chain.indexOf('.', end + 1);
    if (end < 0) return part === index ? ref.start + ref.chain.length : Number.NaN;
  }
  return ref.start + end;
}

function chainEnds(chain: string, start: number): number[] {
  const ends: number[] = [];
  for (let dot = chain.indexOf('.'); dot >= 0; dot = chain.indexOf('.', dot + 1)) ends.push(start + dot);
  ends.push(start + chain.length);
  return ends;
}

function endsFollowChain(chain: string, start: number, ends: readonly number[]): boolean {
  let part = 0;
  for (let dot = chain.indexOf('.'); dot >= 0; dot = chain.indexOf('.', dot + 1)) {
    if (ends[part++] !== start + dot) return false;
  }
  return part === ends.length - 1 && ends[part] === start + chain.length;
}
