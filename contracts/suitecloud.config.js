'use strict';
// SuiteCloud CLI configuration of the opt-in Contract Renewals project. It deploys only the script records
// and deployments that need the Contract Renewals SuiteApp; their script files belong to the main project
// (declared as file dependencies in src/manifest.xml), so deploy the main project first. Validation and
// deployment run the main project's build, checks and tests first, as the main project's own config does.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function npmRun(script) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', script], { stdio: 'inherit', cwd: root });
}

async function buildAndCheck(args) {
  npmRun('build');
  npmRun('validate');
  if (process.env.SFSYNC_SKIP_TESTS !== '1') {
    npmRun('jest');
  }
  return args;
}

module.exports = {
  defaultProjectFolder: 'src',
  commands: {
    'project:validate': { beforeExecuting: buildAndCheck },
    'project:deploy': { beforeExecuting: buildAndCheck },
  },
};
