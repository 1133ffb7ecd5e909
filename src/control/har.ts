// The journal as HAR 1.2 (the HTTP Archive format browsers' devtools and HAR viewers read), built from the
// same masked views as GET /_emulator/requests, so no credential leaves through it either.
import { STATUS_CODES } from 'node:http';

interface MessageView {
  headers: Record<string, unknown>;
  body: unknown;
}

interface Pair {
  name: string;
  value: string;
}

const pairs = (headers: Record<string, unknown>): Pair[] =>
  Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => ({ name, value: String(v) })) : value === undefined ? [] : [{ name, value: String(value) }]));

const textOf = (body: unknown): string => (body === null || body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));

function queryPairs(query: string): Pair[] {
  if (query === '') return [];
  return query.split('&').map((part) => {
    const eq = part.indexOf('=');
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    return eq < 0 ? { name: decode(part), value: '' } : { name: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) };
  });
}

/** One HAR log from journal views (oldest first), with the emulator as the creator. */
export function harLog(views: readonly Record<string, unknown>[], version: string): Record<string, unknown> {
  return {
    log: {
      version: '1.2',
      creator: { name: 'share-emulator', version },
      entries: views.map((v) => {
        const request = v.request as MessageView;
        const response = v.response as MessageView;
        const host = typeof request.headers.host === 'string' ? request.headers.host : 'localhost';
        const query = v.query as string;
        const requestText = textOf(request.body);
        const responseText = textOf(response.body);
        const status = v.status as number;
        const requestType = typeof request.headers['content-type'] === 'string' ? (request.headers['content-type'] as string) : 'application/octet-stream';
        const responseType = typeof response.headers['content-type'] === 'string' ? (response.headers['content-type'] as string) : '';
        const entry: Record<string, unknown> = {
          startedDateTime: v.time,
          time: v.durationMs,
          request: {
            method: v.method,
            url: `http://${host}${v.path as string}${query === '' ? '' : `?${query}`}`,
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(request.headers),
            queryString: queryPairs(query),
            ...(requestText === '' ? {} : { postData: { mimeType: requestType, text: requestText } }),
            headersSize: -1,
            bodySize: Buffer.byteLength(requestText),
          },
          response: {
            status,
            statusText: v.dropped === true || status === 0 ? '' : (STATUS_CODES[status] ?? ''),
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: pairs(response.headers),
            content: { size: Buffer.byteLength(responseText), mimeType: responseType, text: responseText },
            redirectURL: '',
            headersSize: -1,
            bodySize: Buffer.byteLength(responseText),
          },
          cache: {},
          timings: { send: 0, wait: v.durationMs, receive: 0 },
          // HAR's custom-field convention: the emulator's own facts about the exchange.
          _emulator: { id: v.id, namespace: v.namespace, vendor: v.vendor, operationId: v.operationId, ...(v.validation === undefined ? {} : { validation: v.validation }), ...(v.violations === undefined ? {} : { violations: v.violations }), ...(v.fault === undefined ? {} : { fault: v.fault }) },
          ...(v.explanation === undefined ? {} : { _explanation: v.explanation }),
        };
        return entry;
      }),
    },
  };
}
