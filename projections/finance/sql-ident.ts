/**
 * The runtime chooses the schema (`finance` live, another name while rebuilding), so every
 * statement names it through this quoting rather than a literal.
 */
export function quoteIdent(name: string): string {
  if (!name || name.includes('\0')) throw new TypeError(`Not a usable SQL identifier: ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}
