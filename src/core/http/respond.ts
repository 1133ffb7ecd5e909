// Writes a VendorResponse to the socket: JSON serialized once, Content-Length set, nothing else added
// but the emulator's request id, so the bytes match what the vendor would send.
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { VendorResponse } from '../vendor';

export const REQUEST_ID_HEADER = 'x-emulator-request-id';

export interface Written {
  status: number;
  headers: OutgoingHttpHeaders;
  text: string;
}

export function writeResponse(res: ServerResponse, response: VendorResponse, jsonContentType: string, requestId: string): Written {
  const headers: OutgoingHttpHeaders = { [REQUEST_ID_HEADER]: requestId };
  let text = '';
  if (response.text !== undefined) {
    text = response.text;
    headers['content-type'] = response.contentType ?? 'text/plain; charset=utf-8';
  } else if (response.body !== undefined) {
    text = JSON.stringify(response.body);
    headers['content-type'] = response.contentType ?? jsonContentType;
  }
  if (text !== '' || response.status !== 204) headers['content-length'] = Buffer.byteLength(text);
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
