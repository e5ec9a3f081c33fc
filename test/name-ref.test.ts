/** NameRefs keep the ends of their parts only when the source spells them apart from the chain: the ends read back must be the ones given. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../src/python/facts.js';
import { liteTree } from '../src/python/lite-tree.js';
import { nameRef, partEnd, partEnds } from '../src/python/name-ref.js';
import { loadPythonParser, parseSync } from '../src/python/parser.js';

describe('name refs', () => {
  it('give back the ends they were made with, whether or not they keep them', () => {
    const part = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
    const spelled = fc.record({ parts: fc.array(fc.record({ name: part, gap: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 5 }), start: fc.nat(1000) });
    fc.assert(
      fc.property(spelled, ({ parts, start }) => {
        // The source spells the parts with `gap` spaces before each dot.
        const ends: number[] = [];
        let at = start;
        parts.forEach(({ name, gap }, index) => {
          at += (index === 0 ? 0 : gap + 1) + name.length;
          ends.push(at);
        });
        const ref = nameRef(parts.map(({ name }) => name).join('.'), start, ends, null);
        expect(partEnds(ref)).toEqual(ends);
        ends.forEach((end, index) => expect(partEnd(ref, index)).toBe(end));
        expect(partEnd(ref)).toBe(ends[ends.length - 1]);
        const spacedOut = parts.slice(1).some(({ gap }) => gap > 0);
        expect(ref.spelledEnds !== null).toBe(spacedOut);
      }),
    );
  });

  it('end where the source puts each part of a name read in code', async () => {
    await loadPythonParser();
    const text = 'import numpy as np\nx = np.random.rand(3)\ny = (np\n     .random\n     .randint(4))\n';
    const tree = parseSync(text);
    try {
      const facts = extractFacts(liteTree(tree, text).root, text, 'example.py');
      const callees = facts.functions[0].calls.map((call) => call.callee!);
      const [plain, spaced] = callees;
      expect(plain.chain).toBe('np.random.rand');
      expect(partEnds(plain).map((end) => text.slice(plain.start, end))).toEqual(['np', 'np.random', 'np.random.rand']);
      expect(plain.spelledEnds).toBeNull();
      expect(spaced.chain).toBe('np.random.randint');
      const names = spaced.chain.split('.');
      expect(partEnds(spaced).map((end, index) => text.slice(end - names[index].length, end))).toEqual(names);
      expect(spaced.spelledEnds).not.toBeNull();
    } finally {
      tree.delete();
    }
  });
});
