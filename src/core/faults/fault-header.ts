// The per-request fault header, like Prism's Prefer: `X-Emulator-Fault: status=503; retry-after=5;
// delay=200; message=Maintenance; drop`. Pairs are separated by `;`, `drop` is a bare flag.
import { BadRequest } from '../errors';
import type { FaultAction } from './fault-rules';

export const FAULT_HEADER = 'x-emulator-fault';
/** On an injected answer: the rule id, or `header` for a fault asked for by the request. */
export const FAULT_RESPONSE_HEADER = 'x-emulator-fault';
/** Injected statuses are errors in the vendor's envelope: a 1xx would reset the client's connection. */
export const FAULT_STATUS_RANGE = { min: 400, max: 599 } as const;

export function parseFaultHeader(value: string): FaultAction {
  const action: FaultAction = {};
  for (const part of value.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const raw = eq < 0 ? '' : part.slice(eq + 1).trim();
    switch (name) {
      case 'status':
        action.status = integerIn(name, raw, FAULT_STATUS_RANGE.min, FAULT_STATUS_RANGE.max);
        break;
      case 'retry-after':
        action.retryAfter = integerIn(name, raw, 0, 86400);
        break;
      case 'delay':
        action.delayMs = integerIn(name, raw, 0, 60000);
        break;
      case 'message':
        action.message = raw;
        break;
      case 'drop':
        if (eq >= 0) throw invalid(`drop takes no value`);
        action.drop = true;
        break;
      default:
        throw invalid(`unknown setting "${name}" (use status, retry-after, delay, message, drop)`);
    }
  }
  if (action.status === undefined && action.retryAfter === undefined && action.delayMs === undefined && !action.drop) {
    throw invalid('it names no fault (status, retry-after, delay or drop)');
  }
  return action;
}

function integerIn(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (raw === '' || !Number.isInteger(n) || n < min || n > max) throw invalid(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

function invalid(reason: string): BadRequest {
  return new BadRequest(`Invalid X-Emulator-Fault header: ${reason}.`);
}
