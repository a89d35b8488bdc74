'use strict';
// Integration tests run the built bundle (src/FileCabinet/SuiteScripts/sfsync) and the compiled local
// stand-ins (build/tools), so build once before any test file runs. `npm test` has just built and sets
// SFSYNC_SKIP_BUILD=1 to avoid doing it twice.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.SFSYNC_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'build.js')], {
    stdio: 'inherit',
  });
};
