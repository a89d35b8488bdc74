'use strict';
// Jest starts from the SuiteCloud configuration (its N/* stubs and the SuiteScripts path mapping) and adds
// a TypeScript transform, since the bundle and the local stand-ins are written in TypeScript.
const SuiteCloudJestConfiguration = require('@oracle/suitecloud-unit-testing/jest-configuration/SuiteCloudJestConfiguration');
const cliConfig = require('./suitecloud.config');

const base = SuiteCloudJestConfiguration.build({
  projectFolder: cliConfig.defaultProjectFolder,
  projectType: SuiteCloudJestConfiguration.ProjectType.ACP,
});

module.exports = {
  ...base,
  transform: {
    ...base.transform,
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/build/', '<rootDir>/src/FileCabinet/', '<rootDir>/.local/'],
  testEnvironment: 'node',
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  maxWorkers: 2,
  testTimeout: 60000,
};
