/**
 * Which folder may import which (docs/architecture.md "Dependencies"): apps → projections → libs,
 * never back; the domain imports no other library; no import cycle between files. Part of
 * `npm run lint`, so `npm test` fails on a violation.
 */
const TESTING = '^(harness|test|bench)/';

module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', comment: 'Files must not import each other in a circle.', from: {}, to: { circular: true } },
    {
      name: 'libs-stay-below', severity: 'error', comment: 'libs/ import only libs/ (and packages); their specs may also make a test database.',
      from: { path: '^libs/' }, to: { path: `^(apps|projections)/|${TESTING}`, pathNot: '^harness/test-database\\.ts$' },
    },
    {
      name: 'projections-below-apps', severity: 'error', comment: 'projections/ import libs/, never an app; their specs may also make a test database.',
      from: { path: '^projections/' }, to: { path: `^apps/|${TESTING}`, pathNot: '^harness/test-database\\.ts$' },
    },
    { name: 'projector-not-api', severity: 'error', comment: 'The API app may run the projector (MODE=all); the projector never imports the API.', from: { path: '^apps/projector/' }, to: { path: '^apps/api/' } },
    { name: 'apps-not-testing', severity: 'error', comment: 'Production code never imports tests, the harness or benchmarks.', from: { path: '^apps/' }, to: { path: TESTING } },
    { name: 'harness-not-suites', severity: 'error', comment: 'The harness serves test/ and bench/; it imports neither.', from: { path: '^harness/' }, to: { path: '^(test|bench)/' } },
    { name: 'bench-not-test', severity: 'error', comment: 'Benchmarks share the harness with the tests, not the tests themselves.', from: { path: '^bench/' }, to: { path: '^test/' } },
    {
      name: 'domain-is-pure', severity: 'error', comment: 'libs/ordering is the pure domain: no other library of ours.',
      from: { path: '^libs/ordering/' }, to: { path: '^libs/', pathNot: '^libs/ordering/' },
    },
  ],
  options: {
    includeOnly: '^(apps|libs|projections|harness|test|bench)/',
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a cycle of types is still a cycle a reader has to untangle.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
