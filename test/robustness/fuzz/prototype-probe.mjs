// Preloaded into the fuzzed child (node --import): remembers Object.prototype's own property names at start
// and, when the process exits, prints one line saying whether they are unchanged and no value leaked
// into a fresh object. It adds no handler that could change how the emulator behaves or fails.
import { writeSync } from 'node:fs';

const before = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
process.on('exit', () => {
  const after = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const probe = {};
  const clean = after === before && probe.polluted === undefined;
  writeSync(2, `share-emulator-fuzz-probe: ${clean ? 'clean' : `POLLUTED (${after})`}\n`);
});
