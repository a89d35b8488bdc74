'use strict';
// Builds the SuiteScript bundle (TypeScript -> SuiteScript 2.1 AMD under src/FileCabinet/SuiteScripts/sfsync)
// and the local tools (TypeScript -> CommonJS under build/). The bundle's output is emptied first so a
// deleted source never leaves a stale script behind to be deployed; build/ is only overwritten (nothing
// deploys from it), so a running local org or runtime keeps its files while another build runs.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');

function clean(dir) {
  fs.rmSync(path.join(root, dir), { recursive: true, force: true });
}

clean('src/FileCabinet/SuiteScripts/sfsync');
for (const project of ['tsconfig.bundle.json', 'tsconfig.tools.json']) {
  execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
}
