// The VendorRequest given to vendor code (and to validateStage for control-plane calls): parameters from the
// route, the raw body, and a JSON view of it parsed on first use so that each vendor decides whether auth or parsing fails first.
import type { IncomingHttpHeaders } from 'node:http';
import { UnsupportedMediaType } from './errors';
import { isJsonMediaType } from './http/body';
import { parseJsonText } from './http/json-text';
import type { Operation } from './spec/operation-table';
import type { VendorRequest } from './vendor';
import type { Explainer } from './explanation/explanation';

const UNPARSED = Symbol('unparsed');

export class IncomingVendorRequest implements VendorRequest {
  private parsed: unknown = UNPARSED;
  private text?: string;

  constructor(
    readonly id: string,
    readonly method: string,
    readonly path: string,
    readonly query: ReadonlyMap<string, string[]>,
    readonly headers: IncomingHttpHeaders,
    /** The routed operation, replaced by the selected one for RPC-style dispatch. */
    public operation: Operation,
    readonly serverParams: Readonly<Record<string, string>>,
    readonly pathParams: Readonly<Record<string, string>>,
    readonly rawBody: Buffer,
    private readonly maxJsonDepth: number,
    readonly explain: Explainer,
  ) {}

  get bodyText(): string {
    this.text ??= this.rawBody.toString('utf8');
    return this.text;
  }

  /** The body's text if something has decoded it already (this does not decode). */
  get decodedText(): string | undefined {
    return this.text;
  }

  json(): unknown {
    if (this.parsed !== UNPARSED) return this.parsed;
    if (this.rawBody.length === 0 || isBlank(this.bodyText)) {
      this.parsed = undefined;
      return undefined;
    }
    const contentType = this.headers['content-type'];
    if (contentType !== undefined && !isJsonMediaType(contentType)) throw new UnsupportedMediaType(contentType);
    this.parsed = parseJsonText(this.bodyText, this.maxJsonDepth);
    return this.parsed;
  }
}

/** Only whitespace (what JSON allows around a value), without copying the text as trim() would. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}
