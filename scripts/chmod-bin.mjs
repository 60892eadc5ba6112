// tsc does not keep the executable bit; the bin must have it for direct execution.
import { chmodSync } from 'node:fs';
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
