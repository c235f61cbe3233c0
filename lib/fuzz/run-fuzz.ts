// `npm run test:fuzz`: the bad-input tests (lib/fuzz) with many more generated requests than
// `npm test` sends, and a new seed each run unless one is given. Arguments go to vitest.
//   BAD_INPUT_RUNS (default here 5000 per property), BAD_INPUT_SEED (default here "random";
//   a failing run prints its seed: set it to replay the failure).

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const env = { ...process.env, BAD_INPUT_RUNS: process.env.BAD_INPUT_RUNS || '5000', BAD_INPUT_SEED: process.env.BAD_INPUT_SEED || 'random' };
console.log(`bad-input tests: ${env.BAD_INPUT_RUNS} runs per property, seed ${env.BAD_INPUT_SEED}`);
const r = spawnSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', 'lib/fuzz', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
process.exit(r.status ?? 1);
