// The control plane under /_emulator: health and the served specs (reset, state, journal and faults
// arrive with the control-plane issue). Never journaled, never subject to vendor auth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import type { VendorRuntime } from '../core/vendor-runtime';

export interface ControlPlaneOptions {
  runtimes: readonly VendorRuntime[];
  specsDir: string;
  version: string;
  startedAt: number;
}

export function createControlPlane(options: ControlPlaneOptions): Router {
  const router = Router();
  const specs = new Map(options.runtimes.map((r) => [r.name, readFileSync(join(options.specsDir, r.module.specFile), 'utf8')]));

  router.get('/health', (_req, res) => {
    res.status(200).json({
      status: 'ok',
      version: options.version,
      vendors: options.runtimes.map((r) => r.name),
      uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
    });
  });

  router.get('/specs/:vendor', (req, res) => {
    const spec = specs.get(req.params.vendor);
    if (spec === undefined) {
      res.status(404).json({ error: `No vendor ${req.params.vendor}`, details: [...specs.keys()] });
      return;
    }
    res.status(200).type('application/yaml').send(spec);
  });

  return router;
}
