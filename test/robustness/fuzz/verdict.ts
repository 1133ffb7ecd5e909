// What an answer means: from the emulator (it carries x-emulator-request-id) or from Node's HTTP parser
// (400/413/414/431 without one, or a closed connection for an oversized head), no answer at all, and for
// every 4xx/5xx from the emulator whether it is in the envelope of the vendor the path belongs to.
// The vendor is decided by the fuzzer's own path rules, not by the emulator's router.
import type { FuzzCase } from './cases';
import type { Answer } from './transport';

export type Verdict = 'ok' | 'injected' | 'parser-rejected' | 'unexpected-5xx' | 'non-envelope' | 'no-answer';

/** Statuses Node's HTTP parser answers itself before a request exists (bad bytes, oversized head). */
const PARSER_STATUSES = new Set([400, 413, 414, 431]);

export function vendorOf(path: string): string {
  if (/^\/_emulator(\/|$)/.test(path)) return 'control';
  if (/^\/api\/v\d+(\/|$)/i.test(path)) return 'energycap';
  if (/^(\/e\/[^/]+)?\/api\/config\/v1(\/|$)/.test(path)) return 'desk';
  if (/^\/\d+\.\d+\.\d+(\/|$)/.test(path)) return 'luzmo';
  return 'none';
}

export function judge(c: FuzzCase, a: Answer): Verdict {
  if (a.status === undefined) {
    if (c.injected) return 'injected';
    // Node's parser closes the connection, without an answer, on a head past its 16 KiB limit (perhaps
    // while the client is still writing it). Any other request that gets no answer is a failure, raw or not.
    return c.oversizedHead ? 'parser-rejected' : 'no-answer';
  }
  if (a.headers?.['x-emulator-request-id'] === undefined) return PARSER_STATUSES.has(a.status) ? 'parser-rejected' : 'non-envelope';
  if (a.headers['x-emulator-fault'] !== undefined) return 'injected';
  // A HEAD answer has no body to judge.
  if (c.method === 'HEAD') return a.status >= 500 && a.status !== 501 ? 'unexpected-5xx' : 'ok';
  if (a.status >= 500 && a.status !== 501) return 'unexpected-5xx';
  if (a.status < 400) return 'ok';
  return inEnvelope(vendorOf(c.path.split('?')[0] ?? ''), a) ? 'ok' : 'non-envelope';
}

function inEnvelope(vendor: string, a: Answer): boolean {
  const text = a.body?.toString('utf8') ?? '';
  if (vendor === 'luzmo' && a.status === 404 && text === 'Oops, this route does not exist (yet)!') return true;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return false;
  }
  const isText = (v: unknown): boolean => typeof v === 'string';
  switch (vendor) {
    case 'desk': {
      const error = body.error as Record<string, unknown> | undefined;
      return error !== undefined && error.code === a.status && isText(error.message);
    }
    case 'luzmo': {
      const type = body.type as Record<string, unknown> | undefined;
      return type !== undefined && type.code === a.status && isText(type.description) && isText(body.message);
    }
    case 'energycap':
      return isText(body.message) && Object.keys(body).length === 1;
    case 'control':
      return isText(body.error);
    default:
      return isText(body.error) && Array.isArray(body.apis);
  }
}
