'use strict';
// SuiteCloud CLI configuration. Validation and deployment always run the project's own build and checks
// first, so the JavaScript that reaches NetSuite is the JavaScript that was tested.
const { execFileSync } = require('node:child_process');

function npmRun(script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', script], { stdio: 'inherit', cwd: __dirname });
}

async function buildAndTest(args) {
  npmRun('build');
  // SFSYNC_SKIP_TESTS=1 lets a deploy go ahead after a separate, already green test run.
  if (process.env.SFSYNC_SKIP_TESTS !== '1') {
    npmRun('jest');
  }
  return args;
}

module.exports = {
  defaultProjectFolder: 'src',
  commands: {
    'project:validate': { beforeExecuting: buildAndTest },
    'project:deploy': { beforeExecuting: buildAndTest },
  },
};
