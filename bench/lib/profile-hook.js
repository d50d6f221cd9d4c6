/**
 * Preloaded into the service by the benches (`node -r bench/lib/profile-hook.js …`) when asked to
 * profile: samples the CPU from start; each SIGWINCH (Nest's shutdown hooks take SIGUSR2) writes the samples so far to
 * BENCH_PROFILE_DIR/profile-<n>.cpuprofile (then a .done marker) and starts a fresh profile.
 * Nothing in the service changes; `node --cpu-prof` would only write at a clean exit.
 */
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  let n = 0;
  const start = () => post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: 500 })).then(() => post('Profiler.start'));
  void start();
  process.on('SIGWINCH', () => {
    n += 1;
    const file = path.join(dir, `profile-${n}.cpuprofile`);
    post('Profiler.stop')
      .then(({ profile }) => fs.promises.writeFile(file, JSON.stringify(profile)))
      .then(() => fs.promises.writeFile(`${file}.done`, ''))
      .then(start)
      .catch((error) => console.error(`profile-hook: ${error.message}`));
  });
}
