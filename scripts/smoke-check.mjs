// Smoke check of a running emulator (the Docker image, an npx install): health plus one real call per
// vendor on its built-in fixtures. Usage: IMAGE_URL=http://127.0.0.1:4010 node scripts/smoke-check.mjs
const base = process.env.IMAGE_URL ?? process.argv[2] ?? 'http://127.0.0.1:4010';

const checks = [
  ['health', `${base}/_emulator/health`, {}, (s, b) => s === 200 && b.status === 'ok' && b.vendors.length === 3],
  [
    'desk getDashboardShareSettings',
    `${base}/api/config/v1/dashboards/7dd386fe-2b42-4b4e-9d1c-6f1f3b0a5a01/shareSettings`,
    { headers: { Authorization: 'Api-Token dt0c01.abc12345.readonly' } },
    (s, b) => s === 200 && b.enabled === true && Object.keys(b.publicAccess.urls).length === 2,
  ],
  [
    'luzmo searchShare',
    `${base}/0.1.0/share`,
    {
      method: 'SEARCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'get', find: {}, key: 'key-olivia', token: 'token-olivia', version: '0.1.0' }),
    },
    (s, b) => s === 200 && b.count === 2,
  ],
  [
    'energycap EditDashboardShareV3',
    `${base}/api/v3/dashboard/100/share`,
    {
      method: 'PUT',
      headers: { 'ECI-ApiKey': 'eci.sam.key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ sharedWithEveryone: false, sharedUserIds: [4], sharedUserGroupIds: [] }),
    },
    (s, b) => s === 200 && b.sharedUsers[0].userId === 4,
  ],
];

let failed = 0;
for (const [name, url, init, ok] of checks) {
  try {
    const response = await fetch(url, init);
    const body = await response.json();
    const passed = ok(response.status, body);
    console.log(`smoke: ${passed ? 'ok  ' : 'FAIL'} ${name} -> ${response.status}`);
    if (!passed) {
      console.log(`smoke:      ${JSON.stringify(body).slice(0, 300)}`);
      failed++;
    }
  } catch (error) {
    console.log(`smoke: FAIL ${name}: ${error.message}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
