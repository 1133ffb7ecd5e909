// One load run with autocannon against one server: fixed duration, pipelining 1, and the status codes
// checked so that a fast wrong answer never counts as throughput.
import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** When set, the bodies sent in turn instead of `body`, across all connections (a PUT that changes state every time). */
  bodies?: readonly string[];
  /** The status every answer must have (the ceilings answer what they answer). */
  expect?: number;
}

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  /** Answers with another status than expected, plus errors and timeouts. */
  wrong: number;
}

/** What the answers were, for a bench that wants to say which wrong answers it got. */
export interface LoadDetail {
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

export async function load(port: number, scenario: Scenario, connections: number, seconds: number, detail?: (d: LoadDetail) => void): Promise<LoadResult> {
  const { bodies } = scenario;
  // One counter for every connection, so requests sent one after another carry the other body: autocannon's own
  // `requests` list is walked per connection, and connections that start together would send the same body at once.
  let sent = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    requests: bodies && [{ setupRequest: (request) => ({ ...request, body: bodies[sent++ % bodies.length] }) }],
    connections,
    duration: seconds,
    pipelining: 1,
  });
  const codes = result.statusCodeStats as unknown as Record<string, { count: number }> | undefined;
  detail?.({ statuses: Object.fromEntries(Object.entries(codes ?? {}).map(([code, { count }]) => [code, count])), errors: result.errors, timeouts: result.timeouts });
  const expected = scenario.expect === undefined ? result.requests.total : (codes?.[String(scenario.expect)]?.count ?? 0);
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    wrong: result.requests.total - expected + result.errors + result.timeouts,
  };
}
