// rng-fix's scan with the prefilter switched off (every file parsed), as JSON like the CLI's.
import { scan } from '../dist/src/engine.js';
import { RULES } from '../dist/transforms/index.js';

const [folder, jobs] = process.argv.slice(2);
const result = await scan({ rules: RULES, paths: [folder], cwd: process.cwd(), strategy: 'auto', jobs: Number(jobs ?? 2), prefilter: false });
console.log(JSON.stringify({ findings: result.findings }));
