// Names from fixtures/luzmo/state.json used across the Luzmo tests, and a request helper.
import request from 'supertest';
import type { RequestListener } from 'node:http';

export const USERS = {
  olivia: { id: '444e2d0c-8dfb-45c1-bb97-52cb9264671f', key: 'key-olivia', token: 'token-olivia' },
  victor: { id: '9b2f5a1e-3c4d-4e5f-8a6b-7c8d9e0f1a2b', key: 'key-victor', token: 'token-victor' },
  nina: { id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6', key: 'key-nina', token: 'token-nina' },
} as const;

export const DASHBOARDS = {
  /** Olivia's, readable by Victor. */
  sales: '7d8278b3-e1ef-43d0-b459-7b9f65f5be4b',
  /** Olivia's, private. */
  finance: '1f0e9d8c-7b6a-4594-8382-716253443526',
  /** Victor's. */
  marketing: '2a3b4c5d-6e7f-4809-9a1b-2c3d4e5f6a7b',
} as const;

export const SHARES = {
  /** Olivia's share of Sales, locale fr. */
  salesFr: 'lz6dmtgusy8lkvnr',
  /** Victor's share without dashboard or locale. */
  victorBare: 'cnzev2tv29yom6sr',
  /** Olivia's share of Finance. */
  finance: 'p4ybq8w0m3ks9c2d',
} as const;

export type Caller = { key: string; token: string };

export const PATH = '/0.1.0/share';

/** Sends one RPC call the way the SDKs do: action fields first, then key, token and version. */
export function rpc(app: RequestListener, body: Record<string, unknown>, caller: Caller = USERS.olivia, method: Verb = 'post'): request.Test {
  return request(app)[method](PATH).set('content-type', 'application/json').send(JSON.stringify({ ...body, key: caller.key, token: caller.token, version: '0.1.0' }));
}

export type Verb = 'post' | 'search' | 'patch' | 'delete' | 'link' | 'unlink';
