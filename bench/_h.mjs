import { loadPythonParser } from '../dist/src/python/parser.js';
import { readAndLoad } from '../dist/src/load.js';
import { StringTable } from '../dist/src/python/string-table.js';
import fg from 'fast-glob';
import v8 from 'node:v8';
import { readFileSync } from 'node:fs';
await loadPythonParser();
const strings = new StringTable();
const files = await fg('**/*.py', { cwd: process.argv[2], absolute: true });
globalThis.keep = files.map(f => readAndLoad(f, '/', strings));
const file = v8.writeHeapSnapshot('/tmp/h.heapsnapshot');
const snap = JSON.parse(readFileSync(file));
const m = snap.snapshot.meta; const nf = m.node_fields.length; const types = m.node_types[0];
const ti = m.node_fields.indexOf('type'), ni = m.node_fields.indexOf('name'), si = m.node_fields.indexOf('self_size');
const agg = new Map();
for (let i = 0; i < snap.nodes.length; i += nf) { const t = types[snap.nodes[i+ti]]; const name = t === 'object' ? snap.strings[snap.nodes[i+ni]] : t; const e = agg.get(name) ?? [0,0]; e[0]++; e[1] += snap.nodes[i+si]; agg.set(name, e); }
console.log([...agg].sort((a,b)=>b[1][1]-a[1][1]).slice(0,15).map(([k,[c,s]])=>`${(s/2**20).toFixed(1)} MB ${c} ${k}`).join('\n'));
