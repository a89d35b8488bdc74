'use strict';
// Builds the SuiteScript bundle (TypeScript -> SuiteScript 2.1 AMD under src/FileCabinet/SuiteScripts/sfsync)
// and the local tools (TypeScript -> CommonJS under build/). The bundle is compiled into a fresh folder and
// then swapped in, so a deleted source never leaves a stale script behind to be deployed and a local runtime
// reading the bundle during a build never sees it half written. build/ is only overwritten (nothing deploys
// from it), so a running local org or runtime keeps its files while another build runs.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
const target = path.join(root, 'src/FileCabinet/SuiteScripts/sfsync');
const staging = path.join(root, 'build', `.bundle-${process.pid}`);

function compile(project, extra = []) {
  execFileSync(process.execPath, [tsc, '-p', project, ...extra], { cwd: root, stdio: 'inherit' });
}

fs.rmSync(staging, { recursive: true, force: true });
try {
  compile('tsconfig.bundle.json', ['--outDir', staging]);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(staging, target);
  fs.rmSync(old, { recursive: true, force: true });
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
compile('tsconfig.tools.json');
