// What holds rng-fix's memory? Runs the built CLI's scan of a folder (no change
// to src/: a preload, bench/heap-preload.mjs, does the work) and summarises heap
// snapshots by constructor name: how many objects, their own size, and their own
// size plus the internal arrays they alone own (a Map's hash table, an Array's
// elements, an object's out-of-line properties), largest first.
//
//   node bench/heap.mjs FOLDER [--top N] [--out DIR] [--no-peak] [--limit MiB] [--jobs N]
//   node bench/heap.mjs --summarise FILE.heapsnapshot [--top N]
//
// Two snapshots of the main thread:
//  - at the end: written when the process exits, after the scan (what is still
//    reachable then: caches and module-level state);
//  - near the peak: the scan is run again with the old-generation limit set
//    under the peak heap that --trace-gc showed in the first run (85%, else 65%,
//    45%, 30% of it; or --limit MiB), and --heapsnapshot-near-heap-limit writes
//    a snapshot when the heap nears it, that is while the analysis holds the
//    most (skipped with --no-peak, or when the peak is under 64 MiB). No
//    snapshot at all means the live main-thread heap stayed under every limit:
//    the rest of the peak was garbage not yet collected.
// Snapshots go to DIR (default a new temporary folder) and are kept.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/src/cli.js');
const preload = path.join(root, 'bench/heap-preload.mjs');
const MiB = 2 ** 20;

/** Reads a .heapsnapshot line by line (V8 writes one node, edge or string a line). */
export async function readSnapshot(file) {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let section = 'header';
  let header = '';
  let meta;
  let nodes;
  let edges;
  let nodeAt = 0;
  let edgeAt = 0;
  const strings = [];
  const numbers = (text, into, at) => {
    for (const part of text.split(',')) if (part !== '') into[at++] = Number(part);
    return at;
  };
  for await (const line of lines) {
    if (section === 'header') {
      if (line.startsWith('"nodes":[')) {
        meta = JSON.parse(`${header.replace(/,\s*$/, '')}}`).snapshot;
        nodes = new Float64Array(meta.node_count * meta.meta.node_fields.length);
        edges = new Uint32Array(meta.edge_count * meta.meta.edge_fields.length);
        section = 'nodes';
        nodeAt = numbers(line.slice('"nodes":['.length), nodes, nodeAt);
      } else header += line;
    } else if (section === 'nodes') {
      if (line.startsWith('"edges":[')) {
        section = 'edges';
        edgeAt = numbers(line.slice('"edges":['.length), edges, edgeAt);
      } else if (!line.startsWith(']')) nodeAt = numbers(line, nodes, nodeAt);
    } else if (section === 'edges') {
      if (line.startsWith(']')) section = 'between';
      else edgeAt = numbers(line, edges, edgeAt);
    } else if (section === 'between') {
      if (line.startsWith('"strings":[')) {
        section = 'strings';
        strings.push(JSON.parse(line.slice('"strings":['.length).replace(/(,|\]\})$/, '')));
      }
    } else {
      strings.push(JSON.parse(line.replace(/(,|\]\})$/, '')));
    }
  }
  if (!meta || nodeAt !== nodes.length || edgeAt !== edges.length) throw new Error(`${file}: not a complete heap snapshot`);
  return { meta: meta.meta, nodes, edges, strings };
}

/** Aggregates a snapshot by constructor name: [{ name, count, self, owned }], largest owned size first. */
export function summarise({ meta, nodes, edges, strings }) {
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const [TYPE, NAME, SELF, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((field) => meta.node_fields.indexOf(field));
  const [ETYPE, ETO] = ['type', 'to_node'].map((field) => meta.edge_fields.indexOf(field));
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_fields.length ? meta.edge_types[0] : [];
  const ARRAY = nodeTypes.indexOf('array');
  const INTERNAL = edgeTypes.indexOf('internal');
  const OWNERS = new Set(['object', 'closure', 'native', 'regexp'].map((type) => nodeTypes.indexOf(type)));
  const count = nodes.length / nf;
  const claimed = new Uint8Array(count);
  const groups = new Map();
  const group = (type, name) => {
    switch (type) {
      case 'object':
      case 'native':
        return name;
      case 'closure':
        return '(closure)';
      case 'array':
        return `(array) ${name}`;
      case 'string':
      case 'concatenated string':
      case 'sliced string':
        return '(string)';
      case 'code':
        return '(compiled code)';
      case 'hidden':
        return '(system)';
      default:
        return `(${type})`;
    }
  };
  let edge = 0;
  for (let index = 0; index < count; index++) {
    const at = index * nf;
    const type = nodes[at + TYPE];
    const key = group(nodeTypes[type], strings[nodes[at + NAME]]);
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { name: key, count: 0, self: 0, owned: 0 }));
    entry.count++;
    entry.self += nodes[at + SELF];
    entry.owned += nodes[at + SELF];
    const edgeCount = nodes[at + EDGES];
    if (OWNERS.has(type)) {
      // An internal edge to an array node not claimed yet: the backing store of this object.
      for (let e = edge; e < edge + edgeCount; e++) {
        const to = edges[e * ef + ETO];
        const target = to / nf;
        if (edges[e * ef + ETYPE] === INTERNAL && nodes[to + TYPE] === ARRAY && !claimed[target]) {
          claimed[target] = 1;
          entry.owned += nodes[to + SELF];
        }
      }
    }
    edge += edgeCount;
  }
  // Arrays claimed by an owner were counted in its owned size; their own group keeps only what nobody claimed.
  for (let index = 0; index < count; index++) {
    if (!claimed[index]) continue;
    const at = index * nf;
    groups.get(group(nodeTypes[nodes[at + TYPE]], strings[nodes[at + NAME]])).owned -= nodes[at + SELF];
  }
  return [...groups.values()].sort((a, b) => b.owned - a.owned);
}

export function table(groups, top) {
  const total = groups.reduce((sum, entry) => sum + entry.self, 0);
  const rows = groups.slice(0, top).map((entry) => `| ${entry.name.slice(0, 60).replaceAll('|', '\\|')} | ${entry.count} | ${(entry.self / MiB).toFixed(1)} | ${(entry.owned / MiB).toFixed(1)} | ${((100 * entry.owned) / total).toFixed(1)} |`);
  return [`heap: ${(total / MiB).toFixed(1)} MiB in ${groups.reduce((sum, entry) => sum + entry.count, 0)} objects`, '| constructor | count | self MiB | self + owned arrays MiB | % of heap |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** Runs node with flags on the CLI; resolves with the exit code and the main isolate's peak heap (MiB) from --trace-gc. */
function runCli(nodeFlags, folder, jobs, env) {
  return new Promise((resolve, reject) => {
    const args = [...nodeFlags, cli, folder, '--format', 'json', '--exit-zero', '--jobs', String(jobs)];
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const peaks = new Map();
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      const match = /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: [A-Za-z-]+(?: \([a-z ]+\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+)/.exec(line);
      if (match) peaks.set(match[1], Math.max(peaks.get(match[1]) ?? 0, Number(match[2])));
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, mainPeak: peaks.size ? [...peaks.values()][0] : NaN, peaks: [...peaks.values()] }));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    if (at < 0) return fallback;
    const [, value] = argv.splice(at, 2);
    return value;
  };
  const top = Number(option('--top', 15));
  const summariseOnly = option('--summarise', null);
  if (summariseOnly) {
    console.log(table(summarise(await readSnapshot(summariseOnly)), top));
    return;
  }
  const out = option('--out', null) ?? mkdtempSync(path.join(tmpdir(), 'rng-fix-heap-'));
  const jobs = Number(option('--jobs', 2));
  const noPeak = argv.includes('--no-peak');
  const fixedLimit = Number(option('--limit', 0));
  const folder = argv.find((arg) => !arg.startsWith('--'));
  if (!folder || !existsSync(cli)) {
    console.error('usage: node bench/heap.mjs FOLDER [--top N] [--out DIR] [--no-peak] [--jobs N]   (build first: npm run build)');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  const endSnapshot = path.join(out, 'end.heapsnapshot');
  const statsFile = path.join(out, 'end-stats.json');
  const start = Date.now();
  const first = await runCli(['--trace-gc', '--import', preload], folder, jobs, { RNG_FIX_HEAP_SNAPSHOT: endSnapshot, RNG_FIX_HEAP_STATS: statsFile });
  if (first.code !== 0 || !existsSync(endSnapshot)) throw new Error(`scan failed (${first.code ?? first.signal}): ${first.stderr}`);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  console.log(`scan of ${folder}: ${((Date.now() - start) / 1000).toFixed(1)} s with --trace-gc; peak RSS ${(stats.maxRSS / MiB).toFixed(0)} MiB; main-thread heap peak ${first.mainPeak.toFixed(0)} MiB (--trace-gc, before a collection)${first.peaks.length > 1 ? `; other isolates' peaks: ${first.peaks.slice(1).map((peak) => peak.toFixed(0)).join(', ')} MiB` : ''}`);
  console.log(`at exit: heap used ${(stats.heapUsed / MiB).toFixed(0)} MiB, external ${(stats.external / MiB).toFixed(0)} MiB (of which ArrayBuffers, WebAssembly memory among them, ${(stats.arrayBuffers / MiB).toFixed(0)} MiB)`);
  console.log(`\nAt the end of the scan (${endSnapshot}):`);
  console.log(table(summarise(await readSnapshot(endSnapshot)), top));

  if (noPeak) return;
  if (!fixedLimit && !(first.mainPeak >= 64)) {
    console.log('\nNear the peak: skipped (main-thread heap peak under 64 MiB)');
    return;
  }
  // --max-old-space-size bounds the old generation only, and --trace-gc shows the whole heap (young
  // generation too), so the limit is lowered step by step until a snapshot is written.
  const peakDir = path.join(out, 'peak');
  mkdirSync(peakDir, { recursive: true }); // node writes no snapshot into a folder that does not exist
  let limit = 0;
  let written = [];
  const limits = fixedLimit ? [fixedLimit] : [0.85, 0.65, 0.45, 0.3].map((fraction) => Math.floor(first.mainPeak * fraction));
  for (limit of limits) {
    await runCli([`--max-old-space-size=${limit}`, '--heapsnapshot-near-heap-limit=1', `--diagnostic-dir=${peakDir}`], folder, jobs, {});
    written = existsSync(peakDir) ? readdirSync(peakDir).filter((name) => name.endsWith('.heapsnapshot')) : [];
    if (written.length > 0) break;
  }
  if (written.length === 0) {
    console.log(`\nNear the peak: no snapshot (the heap did not near a limit of ${limit} MiB)`);
    return;
  }
  const peakSnapshot = path.join(peakDir, written.sort((a, b) => statSync(path.join(peakDir, b)).size - statSync(path.join(peakDir, a)).size)[0]);
  console.log(`\nNear the peak (old-generation limit ${limit} MiB; ${peakSnapshot}):`);
  console.log(table(summarise(await readSnapshot(peakSnapshot)), top));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
