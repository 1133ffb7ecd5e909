// Smoke check of a running emulator (the Docker image, an npx install): health plus one real call per
// vendor on its built-in fixtures.
//
//   IMAGE_URL=http://127.0.0.1:4010 node scripts/smoke-check.mjs [URL] [--container] [--state-file PATH] [--image TAG]
//
// --container: the server runs in a container started by ../shared/tools/image-check on this machine (it
//   enters the image's filesystem with chroot), so its process is visible here. The check finds the process
//   that listens on the URL's port and proves from /proc what a container engine cannot show over HTTP:
//   it runs as a non-root user, and it wrote nothing in the image's filesystem (which is what
//   `docker run --read-only` needs) except below the state file's folder, the mounted volume.
// --state-file PATH: the STATE_FILE given to the server, as seen inside the image; the energycap change made
//   below must reach that file (saved after a 250 ms debounce).
// --image TAG: the built image; its OCI labels must be set (podman image inspect).
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !['--state-file', '--image'].includes(args[i - 1]));
const base = process.env.IMAGE_URL ?? positional[0] ?? 'http://127.0.0.1:4010';
const stateFile = option('--state-file');
const imageTag = option('--image');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let failed = 0;
const report = (passed, name, detail = '') => {
  console.log(`smoke: ${passed ? 'ok  ' : 'FAIL'} ${name}${detail ? ` -> ${detail}` : ''}`);
  if (!passed) failed++;
};

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

for (const [name, url, init, ok] of checks) {
  try {
    const response = await fetch(url, init);
    const body = await response.json();
    const passed = ok(response.status, body);
    report(passed, name, String(response.status));
    if (!passed) console.log(`smoke:      ${JSON.stringify(body).slice(0, 300)}`);
  } catch (error) {
    report(false, name, error.message);
  }
}

if (flag('--container')) {
  // Writes the server makes after answering (the state file is saved 250 ms after a change) count too.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  containerChecks();
}
if (stateFile !== undefined && !flag('--container')) report(false, '--state-file needs --container');
if (imageTag !== undefined) labelChecks(imageTag);
process.exit(failed === 0 ? 0 : 1);

/** The PID of the process listening on `port` (IPv4 or IPv6), from /proc/net/tcp* and the processes' fds. */
function listenerPid(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address:port, f[3] state (0A = LISTEN), f[9] inode
      if (f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === '0A') inodes.add(f[9]);
    }
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
  }
  return undefined;
}

/** When the process started, in ms since the epoch (its start in clock ticks after boot, plus boot time). */
function processStartMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  const startTicks = Number(fields[19]); // field 22: starttime
  const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))[1]);
  const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return (bootSeconds + startTicks / ticksPerSecond) * 1000;
}

/** Every path below `dir` (not following links, skipping `skip`) whose inode changed at or after `sinceMs`. */
function changedSince(dir, sinceMs, skip, found = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (skip.has(path)) continue;
    let st;
    try {
      st = lstatSync(path);
    } catch {
      continue;
    }
    if (st.ctimeMs >= sinceMs || st.mtimeMs >= sinceMs) found.push(path);
    if (st.isDirectory()) changedSince(path, sinceMs, skip, found);
  }
  return found;
}

function containerChecks() {
  const port = Number(new URL(base).port || 80);
  const pid = listenerPid(port);
  if (pid === undefined) {
    report(false, `container: a process listening on port ${port}`, 'none found in /proc');
    return;
  }
  const uids = /^Uid:\s+(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1].split(/\s+/).map(Number);
  report(uids.every((u) => u !== 0), 'container: the server runs as a non-root user', `pid ${pid}, uid ${uids.join('/')}`);

  const imageRoot = readlinkSync(`/proc/${pid}/root`);
  if (imageRoot === '/') {
    report(false, 'container: the server runs inside the image filesystem', 'its root is this machine\'s /');
    return;
  }
  const inImage = (p) => join(`/proc/${pid}/root`, p);

  if (stateFile !== undefined) {
    // The energycap PUT above is saved after a 250 ms debounce.
    const deadline = Date.now() + 5000;
    let state;
    while (Date.now() < deadline) {
      try {
        state = JSON.parse(readFileSync(inImage(stateFile), 'utf8'));
        break;
      } catch {
        spawnSync('sleep', ['0.1']);
      }
    }
    const dashboard = state?.energycap?.dashboards?.find?.((d) => d.dashboardId === 100);
    report(
      dashboard !== undefined && dashboard.sharedUserIds.includes(4),
      `container: the change is saved to STATE_FILE ${stateFile}`,
      state === undefined ? 'no readable file' : `dashboard 100 shared with users ${JSON.stringify(dashboard?.sharedUserIds)}`,
    );
  }

  // Read-only root filesystem: nothing the server did may have changed a file outside the volume. The
  // kernel's own mounts (/proc, /dev, /sys) are not the image's files.
  const startMs = Math.floor(processStartMs(pid) / 10) * 10 - 10;
  const skip = new Set(['/proc', '/dev', '/sys'].map(inImage));
  if (stateFile !== undefined) skip.add(inImage(dirname(stateFile)));
  const changed = changedSince(inImage('/'), startMs, skip).map((p) => p.slice(inImage('/').length - 1));
  report(
    changed.length === 0,
    `container: nothing written in the image filesystem${stateFile === undefined ? '' : ` outside ${dirname(stateFile)}`} since the server started`,
    changed.length === 0 ? `${new Date(startMs).toISOString()}` : changed.slice(0, 10).join(', '),
  );
}

function labelChecks(tag) {
  const inspect = spawnSync('podman', ['image', 'inspect', tag, '--format', '{{json .Config.Labels}}'], { encoding: 'utf8' });
  if (inspect.status !== 0) {
    report(false, `image ${tag}: labels`, inspect.stderr.trim());
    return;
  }
  const labels = JSON.parse(inspect.stdout) ?? {};
  const oci = (key) => labels[`org.opencontainers.image.${key}`];
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  report(oci('version') === version, 'image: org.opencontainers.image.version is package.json version', oci('version'));
  report(oci('licenses') === 'MIT', 'image: org.opencontainers.image.licenses', oci('licenses'));
  report(!Number.isNaN(Date.parse(oci('created') ?? '')), 'image: org.opencontainers.image.created is a date', oci('created'));
  report('org.opencontainers.image.source' in labels, 'image: org.opencontainers.image.source is set', JSON.stringify(oci('source')));
}
