// The journal's HAR opens in a real HAR reader: Playwright's HAR router (routeFromHAR) loads the exported file
// and, with the emulator stopped, chromium gets each recorded answer from the HAR alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { DASHBOARDS, TOKENS, base } from '../desk/desk-fixtures';
import { describeInBrowser, launch, serve } from '../console/browser';

jest.setTimeout(30_000);

describeInBrowser('the HAR export in a HAR reader', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('chromium replays every recorded answer from the exported HAR, explanation included, with the emulator gone', async () => {
    const served = await serve();
    const url = served.url;
    // GETs a browser can navigate to; the token travels in the query (masked in the HAR, so the router matches on the masked URL).
    const paths = [`${base()}/dashboards/${DASHBOARDS.operations}/shareSettings`, `${base()}/dashboards/${DASHBOARDS.backlog}`, `${base()}/dashboards/nope/shareSettings`];
    const sent = [];
    for (const path of paths) sent.push(await request(url).get(`${path}?api-token=${TOKENS.readOnly}`));
    const har = (await request(url).get('/_emulator/requests?format=har')).body as { log: { entries: { request: { url: string }; _explanation?: { summary: string } }[] } };
    expect(har.log.entries).toHaveLength(paths.length);
    expect(har.log.entries.every((e) => typeof e._explanation?.summary === 'string')).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'har-')), 'journal.har');
    writeFileSync(file, JSON.stringify(har));
    await served.server.close(100);

    const context = await browser.newContext();
    await context.routeFromHAR(file, { notFound: 'abort' });
    const page = await context.newPage();
    for (const [i, path] of paths.entries()) {
      const response = await page.goto(`${url}${path}?api-token=***`);
      expect(response?.status()).toBe(sent[i]?.status);
      expect(JSON.parse(await response!.text())).toEqual(sent[i]?.body);
    }
    await context.close();
  });
});
