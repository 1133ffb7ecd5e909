// Writes a VendorResponse to the socket: JSON serialized once (a settled body's text reused, see settled-json.ts),
// Content-Length set, nothing else added but the emulator's request id, so the bytes match what the vendor would send.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { VendorResponse } from '../vendor';
import { jsonTextOf } from './settled-json';

export const REQUEST_ID_HEADER = 'x-emulator-request-id';

export interface Written {
  status: number;
  headers: OutgoingHttpHeaders;
  text: string;
}

/**
 * The headers of an answer, starting with the request id. A class, not an object literal: the journal keeps them, and
 * V8 deoptimizes the code around a literal whose objects live long (see journal.ts JournalEntry).
 */
class SentHeaders implements OutgoingHttpHeaders {
  [name: string]: OutgoingHttpHeaders[string];

  constructor(requestId: string) {
    // REQUEST_ID_HEADER spelled out (checked against it): a named store, where a variable key makes a keyed one.
    this['x-emulator-request-id' satisfies typeof REQUEST_ID_HEADER] = requestId;
  }
}

export function writeResponse(res: ServerResponse, response: VendorResponse, jsonContentType: string, requestId: string): Written {
  const headers: OutgoingHttpHeaders = new SentHeaders(requestId);
  let text = '';
  let bytes = 0;
  if (response.text !== undefined) {
    text = response.text;
    bytes = Buffer.byteLength(text);
    headers['content-type'] = response.contentType ?? 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    ({ text, bytes } = jsonTextOf(response.body));
    headers['content-type'] = response.contentType ?? jsonContentType;
  }
  if (text !== '' || response.status !== 204) headers['content-length'] = bytes;
  if (response.headers) {
    // The vendor's spelling goes on the wire (ASP.NET sends `PageNumber`); a default differing only in case yields.
    for (const [name, value] of Object.entries(response.headers)) {
      const lower = name.toLowerCase();
      for (const existing of Object.keys(headers)) if (existing !== name && existing.toLowerCase() === lower) delete headers[existing];
      headers[name] = value;
    }
  }
  if (!res.headersSent) res.writeHead(response.status, headers);
  res.end(text);
  return { status: response.status, headers, text };
}
