#!/usr/bin/env node
// The container HEALTHCHECK: exit 0 when GET /_emulator/health answers 200 on this container's port,
// using only what the image has (node), so no curl is needed.
const port = process.env.PORT ?? '4010';

fetch(`http://127.0.0.1:${port}/_emulator/health`, { signal: AbortSignal.timeout(3000) }).then(
  (response) => process.exit(response.status === 200 ? 0 : 1),
  () => process.exit(1),
);
