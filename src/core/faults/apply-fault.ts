// Carries out a fault action inside the pipeline: wait, drop the connection, or throw the injected
// status for the vendor's error module to render in its own envelope.
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { InjectedFault } from '../errors';
import type { FaultAction } from './fault-rules';

/** Returns 'dropped' when the connection was closed; otherwise throws the status or returns 'continue'. */
export async function applyFault(action: FaultAction, req: IncomingMessage): Promise<'dropped' | 'continue'> {
  if (action.delayMs) await new Promise((resolve) => setTimeout(resolve, action.delayMs));
  if (action.drop) {
    req.socket.destroy();
    return 'dropped';
  }
  if (action.status === undefined && action.retryAfter === undefined) return 'continue';
  const status = action.status ?? 429;
  const headers: Record<string, string> = action.retryAfter === undefined ? {} : { 'Retry-After': String(action.retryAfter) };
  throw new InjectedFault(status, action.message ?? STATUS_CODES[status] ?? 'Injected fault', headers);
}
