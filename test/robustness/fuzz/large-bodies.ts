// Bodies from 64 KiB up to the body limit, for every vendor: wide arrays, many keys, long strings and
// nesting up to the vendor's JSON depth limit (exactly at it), each once in a shape the spec accepts ("valid-shaped": the business
// rules may still refuse it) and once in a shape it does not. Each body is a template with one filler
// that grows to the wanted size; they are built once per size and reused (and stored once by the judge's
// record writer). Valid-shaped bodies go to operations that replace or read rather than create, so a long
// run does not grow the emulator's state by megabytes per request.
import { VENDORS } from '../../../src/vendors';
import type { Rand } from '../../support/prng';
import { pick } from '../../support/prng';

/** The deepest nesting a vendor accepts (its module's bodyParsing.maxJsonDepth: 1,000 for each today). */
export function maxJsonDepth(vendor: string): number {
  const module = VENDORS.find((v) => v.name === vendor);
  if (!module) throw new Error(`no vendor ${vendor}`);
  return module.bodyParsing.maxJsonDepth;
}

export type Shape = 'wide-array' | 'many-keys' | 'long-string' | 'deep-nesting';

interface Template {
  vendor: 'desk' | 'energycap' | 'luzmo';
  shape: Shape;
  valid: boolean;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** JSON text with one filler: "@@FILL@@" (a value) and, for nesting, "@@NEST@@" (a value). */
  text: string;
  /** What the filler is made of. */
  fill: { kind: 'array'; element: string } | { kind: 'keys'; value: string } | { kind: 'string' };
}

const D = '0b3a2c4e-1111-4222-8333-444455556666';
const desk = { authorization: 'Api-Token dt0c01.abc12345.readwrite' };
const ec = { 'ECI-ApiKey': 'eci.sam.key' };
const creds = '"key":"key-olivia","token":"token-olivia","version":"0.1.0"';
const tile = '{"name":"t","tileType":"MARKDOWN","bounds":{"top":0,"left":0,"width":1,"height":1}';
const deskShare = `/api/config/v1/dashboards/${D}/shareSettings`;
const deskDashboard = `/api/config/v1/dashboards/${D}`;

const TEMPLATES: Template[] = [
  // DESK
  { vendor: 'desk', shape: 'wide-array', valid: true, method: 'PUT', path: deskShare, headers: desk, text: `{"id":"${D}","enabled":true,"permissions":@@FILL@@,"publicAccess":{"managementZoneIds":[]}}`, fill: { kind: 'array', element: '{"type":"USER","id":"u1","permission":"VIEW"}' } },
  { vendor: 'desk', shape: 'wide-array', valid: false, method: 'PUT', path: deskShare, headers: desk, text: `{"id":"${D}","enabled":true,"permissions":@@FILL@@,"publicAccess":{"managementZoneIds":[]}}`, fill: { kind: 'array', element: '{}' } },
  { vendor: 'desk', shape: 'many-keys', valid: true, method: 'PUT', path: deskDashboard, headers: desk, text: `{"dashboardMetadata":{"name":"f","owner":"o","dynamicFilters":@@FILL@@},"tiles":[${tile}}]}`, fill: { kind: 'keys', value: '1' } },
  { vendor: 'desk', shape: 'many-keys', valid: false, method: 'PUT', path: deskDashboard, headers: desk, text: `{"dashboardMetadata":@@FILL@@,"tiles":[${tile}}]}`, fill: { kind: 'keys', value: '1' } },
  { vendor: 'desk', shape: 'long-string', valid: true, method: 'PUT', path: deskDashboard, headers: desk, text: `{"dashboardMetadata":{"name":@@FILL@@,"owner":"o"},"tiles":[${tile}}]}`, fill: { kind: 'string' } },
  { vendor: 'desk', shape: 'long-string', valid: false, method: 'PUT', path: deskShare, headers: desk, text: `{"id":"${D}","enabled":@@FILL@@,"permissions":[],"publicAccess":{"managementZoneIds":[]}}`, fill: { kind: 'string' } },
  { vendor: 'desk', shape: 'deep-nesting', valid: true, method: 'PUT', path: deskDashboard, headers: desk, text: `{"dashboardMetadata":{"name":@@FILL@@,"owner":"o"},"tiles":[${tile},"extra":@@NEST@@}]}`, fill: { kind: 'string' } },
  { vendor: 'desk', shape: 'deep-nesting', valid: false, method: 'PUT', path: deskShare, headers: desk, text: `{"id":"${D}","enabled":true,"permissions":@@NEST@@,"publicAccess":{"managementZoneIds":[@@FILL@@]}}`, fill: { kind: 'string' } },
  // EnergyCAP
  { vendor: 'energycap', shape: 'wide-array', valid: true, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":false,"sharedUserIds":@@FILL@@,"sharedUserGroupIds":[]}', fill: { kind: 'array', element: '4' } },
  { vendor: 'energycap', shape: 'wide-array', valid: false, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":false,"sharedUserIds":@@FILL@@,"sharedUserGroupIds":[]}', fill: { kind: 'array', element: '"x"' } },
  { vendor: 'energycap', shape: 'many-keys', valid: true, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":false,"sharedUserIds":[],"sharedUserGroupIds":[],"extra":@@FILL@@}', fill: { kind: 'keys', value: '1' } },
  { vendor: 'energycap', shape: 'many-keys', valid: false, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '@@FILL@@', fill: { kind: 'keys', value: 'true' } },
  { vendor: 'energycap', shape: 'long-string', valid: true, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":false,"sharedUserIds":[],"sharedUserGroupIds":[],"note":@@FILL@@}', fill: { kind: 'string' } },
  { vendor: 'energycap', shape: 'long-string', valid: false, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":@@FILL@@,"sharedUserIds":[],"sharedUserGroupIds":[]}', fill: { kind: 'string' } },
  { vendor: 'energycap', shape: 'deep-nesting', valid: true, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":false,"sharedUserIds":[],"sharedUserGroupIds":[],"note":@@FILL@@,"extra":@@NEST@@}', fill: { kind: 'string' } },
  { vendor: 'energycap', shape: 'deep-nesting', valid: false, method: 'PUT', path: '/api/v3/dashboard/100/share', headers: ec, text: '{"sharedWithEveryone":false,"sharedUserIds":@@NEST@@,"sharedUserGroupIds":[],"note":@@FILL@@}', fill: { kind: 'string' } },
  // Luzmo: `get` reads, `associate` changes one link; neither grows the state.
  { vendor: 'luzmo', shape: 'wide-array', valid: true, method: 'SEARCH', path: '/0.1.0/share', headers: {}, text: `{"action":"get",${creds},"find":{"where":{"id":{"in":@@FILL@@}}}}`, fill: { kind: 'array', element: '"lz6dmtgusy8lkvnr"' } },
  { vendor: 'luzmo', shape: 'wide-array', valid: false, method: 'POST', path: '/0.1.0/share', headers: {}, text: `{"action":"create",${creds},"properties":{},"associations":@@FILL@@}`, fill: { kind: 'array', element: '{}' } },
  { vendor: 'luzmo', shape: 'many-keys', valid: true, method: 'SEARCH', path: '/0.1.0/share', headers: {}, text: `{"action":"get",${creds},"find":{"where":@@FILL@@}}`, fill: { kind: 'keys', value: '"v"' } },
  { vendor: 'luzmo', shape: 'many-keys', valid: false, method: 'SEARCH', path: '/0.1.0/share', headers: {}, text: `{"action":"get",${creds},"find":@@FILL@@}`, fill: { kind: 'keys', value: '1' } },
  { vendor: 'luzmo', shape: 'long-string', valid: true, method: 'SEARCH', path: '/0.1.0/share', headers: {}, text: `{"action":"get",${creds},"find":{"where":{"id":@@FILL@@}}}`, fill: { kind: 'string' } },
  { vendor: 'luzmo', shape: 'long-string', valid: false, method: 'LINK', path: '/0.1.0/share', headers: {}, text: `{"action":"associate",${creds},"id":"lz6dmtgusy8lkvnr","resource":{"role":"Locales","id":["nl"]},"properties":@@FILL@@}`, fill: { kind: 'string' } },
  { vendor: 'luzmo', shape: 'deep-nesting', valid: true, method: 'SEARCH', path: '/0.1.0/share', headers: {}, text: `{"action":"get",${creds},"find":{"where":{"id":@@FILL@@,"deep":@@NEST@@}}}`, fill: { kind: 'string' } },
  { vendor: 'luzmo', shape: 'deep-nesting', valid: false, method: 'SEARCH', path: '/0.1.0/share', headers: {}, text: `{"action":"get",${creds},"find":{"attributes":@@NEST@@,"where":{"id":@@FILL@@}}}`, fill: { kind: 'string' } },
];

export interface LargeBody {
  kind: string;
  vendor: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const cache = new Map<string, LargeBody>();

/** Sizes from 64 KiB to the body limit itself (the largest body the emulator must answer normally). */
export function largeSizes(bodyLimit: number): number[] {
  return [64 * 1024, 256 * 1024, 640 * 1024, bodyLimit].filter((s) => s >= 64 * 1024 && s <= bodyLimit);
}

export function pickLargeBody(rand: Rand, bodyLimit: number): LargeBody {
  const template = pick(rand, TEMPLATES);
  const size = pick(rand, largeSizes(bodyLimit));
  return largeBody(template, size);
}

export function allLargeBodies(bodyLimit: number): LargeBody[] {
  return TEMPLATES.flatMap((t) => largeSizes(bodyLimit).map((size) => largeBody(t, size)));
}

function largeBody(t: Template, size: number): LargeBody {
  const key = `${t.vendor}:${t.shape}:${t.valid ? 'valid' : 'invalid'}:${size}`;
  let built = cache.get(key);
  if (!built) {
    built = { kind: `large ${key}`, vendor: t.vendor, method: t.method, path: t.path, headers: { ...t.headers, 'content-type': 'application/json' }, body: Buffer.from(build(t, size)) };
    cache.set(key, built);
  }
  return built;
}

/** The template's text with the nest at the depth limit and the filler grown to exactly `size` bytes (ASCII). */
function build(t: Template, size: number): string {
  let text = t.text;
  if (text.includes('@@NEST@@')) {
    const depth = maxJsonDepth(t.vendor) - depthAt(text, text.indexOf('@@NEST@@'));
    text = text.replace('@@NEST@@', `${'['.repeat(depth)}${']'.repeat(depth)}`);
  }
  const room = size - (text.length - '@@FILL@@'.length);
  if (room < 2) throw new Error(`${t.vendor} ${t.shape}: template longer than ${size} bytes`);
  return text.replace('@@FILL@@', filler(t.fill, room));
}

/** A JSON value of exactly `room` characters (or one to a few fewer for arrays and objects, padded with spaces). */
function filler(fill: Template['fill'], room: number): string {
  let value: string;
  if (fill.kind === 'string') {
    value = `"${'x'.repeat(room - 2)}"`;
  } else if (fill.kind === 'array') {
    const n = Math.max(0, Math.floor((room - 1) / (fill.element.length + 1)));
    value = `[${Array.from({ length: n }, () => fill.element).join(',')}]`;
  } else {
    const entry = (i: number): string => `"k${String(i).padStart(7, '0')}":${fill.value}`;
    const n = Math.max(0, Math.floor((room - 1) / (entry(0).length + 1)));
    value = `{${Array.from({ length: n }, (_, i) => entry(i)).join(',')}}`;
  }
  // Whitespace between JSON tokens is insignificant: it brings the body to the exact size.
  return value + ' '.repeat(Math.max(0, room - value.length));
}

/** Bracket depth at an offset of JSON text (outside strings): how deep a value placed there is nested. */
function depthAt(text: string, offset: number): number {
  let depth = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < offset && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth;
}
