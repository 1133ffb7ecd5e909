// One load run with autocannon against one server: fixed duration, pipelining 1, and the status codes
// checked so that a fast wrong answer never counts as throughput.
import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** When set, the bodies sent in turn on each connection instead of `body` (a PUT that changes state every time). */
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
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    // autocannon walks `requests` in order on every connection, starting over at the end.
    requests: scenario.bodies?.map((body) => ({ method: scenario.method, path: scenario.path, headers: scenario.headers, body })),
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
