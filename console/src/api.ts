// Every call the console makes to the control plane: the admin token (when one was given) as a header, the
// working namespace as X-Emulator-Namespace, and errors in the control plane's {"error", "details"} shape.

const TOKEN_KEY = 'share-emulator.admin-token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let onUnauthorized: () => void = () => undefined;

/** The page asks for the token when a call is refused with 401; it is kept for this browser tab only. */
export function whenUnauthorized(callback: () => void): void {
  onUnauthorized = callback;
}

export function setToken(value: string): void {
  token = value;
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function authHeaders(): Record<string, string> {
  return token === null ? {} : { authorization: `Bearer ${token}` };
}

export interface CallOptions {
  namespace?: string;
  body?: unknown;
}

export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (options.namespace !== undefined) headers['x-emulator-namespace'] = options.namespace;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/_emulator${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  if (response.status === 401) onUnauthorized();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const error = (parsed ?? {}) as { error?: string; details?: string[] };
    throw new ApiError(response.status, error.error ?? `${response.status} ${response.statusText}`, error.details ?? []);
  }
  return parsed as T;
}

/** What an error says to a person: the message and each detail. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return [error.message, ...error.details].join('\n');
  return error instanceof Error ? error.message : String(error);
}
