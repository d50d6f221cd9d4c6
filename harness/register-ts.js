/**
 * `node -r ./register-ts.js child.ts`: compiles TypeScript on require with the repo's .swcrc
 * (paths included), the way jest does, so a test can run real code in a child process it kills.
 */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false, configFile: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
