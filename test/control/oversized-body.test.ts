// A control-plane body declared far past its limit is refused at once with 413 and the connection closed: the
// unread body must not be parsed as the client's next request (it answered a second, 400, response before).
import net from 'node:net';
import { listen } from '../../src/server';
import { testEmulator } from '../support/emulator';

test('PUT /_emulator/state declaring 64 times the control body limit: one 413 on the connection, then it is closed', async () => {
  const server = await listen(testEmulator({ controlBodyLimitBytes: 1024 }).app, 0, '127.0.0.1');
  try {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1');
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      // A keep-alive client that has started sending its body: bytes after the headers that look like a request.
      socket.write(`PUT /_emulator/state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024}\r\n\r\n`);
      socket.write('{"desk": "x"}\r\nGET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n' + 'x'.repeat(2000));
      // The server closes the connection after the 413; if it did not, this ends the test instead of hanging.
      setTimeout(() => socket.end(), 1500).unref();
    });
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(text.match(/HTTP\/1\.1 \d{3} /g)).toHaveLength(1);
  } finally {
    await server.close();
  }
});
