/** One runner for unit specs (beside the code) and end-to-end suites (test/). */
const fs = require('fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,projections,test}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@app/ordering$': '<rootDir>/libs/ordering/src',
    '^@app/event-store$': '<rootDir>/libs/event-store/src',
    '^@app/config$': '<rootDir>/libs/config/src',
    '^@app/database$': '<rootDir>/libs/database/src',
    '^@app/auth$': '<rootDir>/libs/auth/src',
    '^@app/observability$': '<rootDir>/libs/observability/src',
    '^@app/audit$': '<rootDir>/libs/audit/src',
    '^@app/privacy$': '<rootDir>/libs/privacy/src',
    '^@app/platform$': '<rootDir>/libs/platform/src',
    '^@app/commands$': '<rootDir>/libs/commands/src',
    '^@app/order-fold$': '<rootDir>/libs/order-fold/src',
    '^@app/projections$': '<rootDir>/projections',
    '^@app/projections/(.*)$': '<rootDir>/projections/$1',
    '^@app/api/(.*)$': '<rootDir>/apps/api/src/$1',
    '^@app/projector/(.*)$': '<rootDir>/apps/projector/src/$1',
    '^@app/harness$': '<rootDir>/harness',
    '^@app/harness/(.*)$': '<rootDir>/harness/$1',
  },
  testTimeout: 60_000,
  // PostgreSQL-backed suites each make their own database; two workers fit this 2-core machine.
  maxWorkers: 2,
};
