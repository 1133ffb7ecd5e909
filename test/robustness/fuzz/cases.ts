// Seeded hostile requests: valid ones for every vendor, then broken in every way the issue lists (malformed
// and truncated JSON, wrong content types, empty and oversized bodies, 10,000-deep nesting, __proto__ and
// constructor keys, huge and negative numbers, ids of the wrong shape, long paths and headers, non-UTF-8
// bytes, unknown methods, path traversal, junk in the emulator's own headers), and bodies from 64 KiB up
// to the body limit for every vendor (large-bodies.ts).
import type { Rand } from '../../support/prng';
import { pick } from '../../support/prng';
import { pickLargeBody } from './large-bodies';

export interface FuzzCase {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Raw bytes for requests an HTTP client refuses to build (bad methods, bytes in the request line). */
  raw?: Buffer;
  /** The request asked for an injected 5xx or a dropped connection. */
  injected: boolean;
  /** The request head is larger than Node's 16 KiB limit: the HTTP parser refuses it, perhaps mid-write. */
  oversizedHead?: boolean;
  /** The request asked for an injected delay (X-Emulator-Fault): its answer time is not the emulator's own. */
  delayed?: boolean;
}

/** The share of cases that send a body from 64 KiB up to the limit. */
export const LARGE_SHARE = 0.04;

interface Base {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

const D = '0b3a2c4e-1111-4222-8333-444455556666';
const desk = { authorization: 'Api-Token dt0c01.abc12345.readwrite' };
const ec = { 'ECI-ApiKey': 'eci.sam.key' };
const luzmoCreds = { key: 'key-olivia', token: 'token-olivia', version: '0.1.0' };
const tiles = [{ name: 't', tileType: 'MARKDOWN', bounds: { top: 0, left: 0, width: 1, height: 1 } }];

const BASES: Base[] = [
  { method: 'GET', path: '/api/config/v1/dashboards', headers: desk },
  { method: 'GET', path: `/api/config/v1/dashboards/${D}`, headers: desk },
  { method: 'POST', path: '/api/config/v1/dashboards', headers: desk, body: { dashboardMetadata: { name: 'f', owner: 'o', tags: ['x'] }, tiles } },
  { method: 'PUT', path: `/e/abc12345/api/config/v1/dashboards/${D}`, headers: desk, body: { dashboardMetadata: { name: 'f', owner: 'o' }, tiles } },
  { method: 'GET', path: `/api/config/v1/dashboards/${D}/shareSettings`, headers: desk },
  { method: 'PUT', path: `/api/config/v1/dashboards/${D}/shareSettings`, headers: desk, body: { id: D, enabled: true, permissions: [{ type: 'USER', id: 'u', permission: 'VIEW' }], publicAccess: { managementZoneIds: ['default'] } } },
  { method: 'POST', path: `/api/config/v1/dashboards/${D}/shareSettings/validator`, headers: desk, body: { id: D, permissions: [], publicAccess: { managementZoneIds: [] } } },
  { method: 'DELETE', path: `/api/config/v1/dashboards/${D}`, headers: desk },
  { method: 'GET', path: '/api/v3/dashboard?pageSize=2&filter=shared%20equals%20%27true%27', headers: ec },
  { method: 'GET', path: '/api/v3/dashboard/101/share', headers: ec },
  { method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, body: { sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [10] } },
  { method: 'POST', path: '/api/v3/dashboard', headers: ec, body: { dashboardInfo: 'f', description: 'd', type: 'User' } },
  { method: 'GET', path: '/api/v3/userGroup/10/member', headers: ec },
  { method: 'POST', path: '/0.1.0/share', headers: {}, body: { action: 'create', properties: {}, associations: [{ role: 'Securables', id: '7d8278b3-e1ef-43d0-b459-7b9f65f5be4b' }], ...luzmoCreds } },
  { method: 'SEARCH', path: '/0.1.0/share', headers: {}, body: { action: 'get', find: { where: { id: { in: ['lz6dmtgusy8lkvnr'] } }, include: [{ model: 'Locale' }], limit: 5 }, ...luzmoCreds } },
  { method: 'LINK', path: '/0.1.0/share', headers: {}, body: { action: 'associate', id: 'lz6dmtgusy8lkvnr', resource: { role: 'Locales', id: 'nl' }, ...luzmoCreds } },
  { method: 'DELETE', path: '/0.1.0/share', headers: {}, body: { action: 'delete', id: 'cnzev2tv29yom6sr', ...luzmoCreds } },
  { method: 'GET', path: '/_emulator/requests?limit=3', headers: { 'x-emulator-namespace': 'fuzz-control' } },
  { method: 'PUT', path: '/_emulator/state?vendor=luzmo', headers: { 'x-emulator-namespace': 'fuzz-control' }, body: { users: [{ id: 'u', credentials: [{ key: 'k', token: 't' }] }] } },
  { method: 'POST', path: '/_emulator/faults', headers: { 'x-emulator-namespace': 'fuzz-control' }, body: { match: { vendor: 'desk' }, action: { status: 500 }, times: 1 } },
];

const WEIRD_VALUES: unknown[] = [
  null, true, -1, 0, -0, 1.5, 2147483648, -2147483649, 2 ** 53, 1e308, -1e308, '', 'x'.repeat(3000), '\u0000', '\ud83d\ude00',
  '<script>', "' OR 1=1 --", '../../etc/passwd', [], {}, [[[]]], { __proto__: null }, 'true', 'null',
];
const NUMBER_TEXT = ['1e400', '-1e400', '9007199254740993', '123456789012345678901234567890', '-0.0', '1E+2'];
const BAD_IDS = ['not-a-uuid', '..', '..%2F..%2F', '%2e%2e', '%00', '%ff%fe', 'a'.repeat(5000), '-1', '2147483648', '1e9', '%F0%9F%98%80', '%', '%zz', ' ', '0x10'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*', 'application/vnd.api+json', ';;;', 'application/xml'];
const METHODS = ['PROPFIND', 'MKCOL', 'COPY', 'PURGE', 'REPORT', 'MERGE', 'TRACE', 'OPTIONS', 'CONNECT_LIKE', 'HEAD', 'PATCH', 'POST'];
const FAULTS = ['status=503', 'status=500; retry-after=1', 'delay=5', 'drop', 'status=abc', 'retry-after=-1', 'whatever', ';;', 'status=418', 'delay=99999999'];

/** Generates case after case from one seed; each call is independent of what the server answered. */
export function nextCase(rand: Rand, bodyLimit: number): FuzzCase {
  if (rand() < LARGE_SHARE) {
    const large = pickLargeBody(rand, bodyLimit);
    return { kind: large.kind, method: large.method, path: large.path, headers: { ...large.headers }, body: large.body, injected: false };
  }
  const base = pick(rand, BASES);
  const c: FuzzCase = { kind: 'valid', method: base.method, path: base.path, headers: { ...base.headers }, injected: false };
  let body: unknown = base.body === undefined ? undefined : structuredClone(base.body);
  let text: string | undefined = body === undefined ? undefined : JSON.stringify(body);
  const attack = rand();
  if (attack < 0.1) {
    // valid as it is
  } else if (attack < 0.25 && body !== undefined) {
    c.kind = 'weird-values';
    body = scatter(rand, body, () => pick(rand, WEIRD_VALUES));
    text = JSON.stringify(body);
    if (rand() < 0.3) text = text.replace(/-?\d+(\.\d+)?/, pick(rand, NUMBER_TEXT));
  } else if (attack < 0.33 && text !== undefined) {
    c.kind = 'malformed-json';
    const cut = Math.floor(rand() * text.length);
    text = pick(rand, [text.slice(0, cut), `${text.slice(0, cut)}\u0001${text.slice(cut)}`, text.replace('"', ''), `${text}}`, `${text},`, "{'single': 'quotes'}", 'NaN', '{"a":undefined}']);
  } else if (attack < 0.4 && text !== undefined) {
    c.kind = 'content-type';
    if (rand() < 0.3) delete c.headers['content-type'];
    else c.headers['content-type'] = pick(rand, CONTENT_TYPES);
  } else if (attack < 0.45) {
    c.kind = 'empty-body';
    text = '';
  } else if (attack < 0.48) {
    c.kind = 'oversized';
    // A few sizes just past the limit (not a new one per case: the run records every body it sends).
    text = JSON.stringify({ padding: 'x'.repeat(bodyLimit + pick(rand, [1, 512, 4096])) });
  } else if (attack < 0.51) {
    c.kind = 'deep-nesting';
    const depth = pick(rand, [10000, 5000, 1001]);
    text = rand() < 0.5 ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  } else if (attack < 0.58) {
    c.kind = 'prototype-keys';
    text = (text ?? '{}').replace(/^\{/, pick(rand, ['{"__proto__":{"polluted":"yes"},', '{"constructor":{"prototype":{"polluted":"yes"}},', '{"prototype":{"polluted":"yes"},']));
    if (text.endsWith(',}')) text = text.replace(/,}$/, '}');
  } else if (attack < 0.68) {
    c.kind = 'bad-ids';
    c.path = c.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\/\d{3}(?=\/|$)|lz6dmtgusy8lkvnr/, (m) => (m.startsWith('/') ? `/${pick(rand, BAD_IDS)}` : pick(rand, BAD_IDS)));
    if (rand() < 0.3) c.path = c.path.replace('/api/', pick(rand, ['/api/../api/', '/api/%2e%2e/', '//api/', '/API/', '/api/./']));
  } else if (attack < 0.72) {
    c.kind = 'long-path-or-header';
    if (rand() < 0.5) c.path += `/${'a'.repeat(pick(rand, [2000, 10000, 70000]))}`;
    else c.headers['x-long'] = 'v'.repeat(pick(rand, [1000, 8000, 20000]));
  } else if (attack < 0.78) {
    c.kind = 'non-utf8';
    c.body = Buffer.concat([Buffer.from((text ?? '{}').slice(0, 20)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28]), Buffer.from((text ?? '').slice(20))]);
    if (rand() < 0.3) c.raw = rawRequest(c.method, Buffer.concat([Buffer.from(c.path), Buffer.from([0xff, 0xfe])]), c.headers, c.body);
    text = undefined;
  } else if (attack < 0.84) {
    c.kind = 'methods';
    const m = pick(rand, [...METHODS, 'FOO', 'GET GET', 'G\u00e9T', '']);
    c.method = m;
    if (!/^[A-Z]+$/.test(m) || ['FOO', 'CONNECT_LIKE'].includes(m)) c.raw = rawRequest(m, Buffer.from(c.path), c.headers, Buffer.from(text ?? ''));
  } else if (attack < 0.92) {
    c.kind = 'emulator-headers';
    if (rand() < 0.5) c.headers['x-emulator-namespace'] = pick(rand, ['ok-ns', 'bad ns', 'x'.repeat(100), '../..', '']);
    else c.headers['x-emulator-fault'] = pick(rand, FAULTS);
    const fault = c.headers['x-emulator-fault'] ?? '';
    c.injected = /status=5\d\d/.test(fault) || /(^|;)\s*drop\s*(;|$)/.test(fault);
    c.delayed = /delay/i.test(fault);
  } else {
    c.kind = 'auth';
    c.headers = pick<Record<string, string>>(rand, [{}, { authorization: 'Api-Token ' }, { authorization: 'Bearer x' }, { 'ECI-ApiKey': '\u00ff\u00fe' }, { authorization: 'Api-Token dt0c01.abc12345.readonly' }, { 'ECI-ApiKey': 'eci.vera.key' }]);
  }
  // Control-plane cases stay in their own namespace, so a fault rule they add never fires on vendor calls.
  if (c.path.startsWith('/_emulator')) c.headers['x-emulator-namespace'] = 'fuzz-control';
  c.oversizedHead = c.path.length + Object.entries(c.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0) > 16000;
  if (c.body === undefined && text !== undefined) {
    c.body = Buffer.from(text);
    if (c.kind !== 'content-type') c.headers['content-type'] = 'application/json';
  }
  return c;
}

/** Replaces one value somewhere inside the document (walked without recursion). */
function scatter(rand: Rand, doc: unknown, value: () => unknown): unknown {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const stack: unknown[] = [doc];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        slots.push([node, i]);
        stack.push(v);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, k]);
        stack.push(v);
      }
    }
  }
  if (slots.length === 0) return value();
  const [parent, key] = pick(rand, slots);
  (parent as Record<string | number, unknown>)[key] = value();
  return doc;
}

function rawRequest(method: string, path: Buffer, headers: Record<string, string>, body: Buffer): Buffer {
  const lines = [`Host: 127.0.0.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${body.length}`, 'Connection: close'];
  return Buffer.concat([Buffer.from(`${method} `, 'latin1'), path, Buffer.from(` HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
