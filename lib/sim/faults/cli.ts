// Entry point of `npm run cluster:fault -- <fault> [flags]` (see fault-cli.ts).

import { runFaultCli } from './fault-cli.ts';

process.exitCode = await runFaultCli(process.argv.slice(2));
