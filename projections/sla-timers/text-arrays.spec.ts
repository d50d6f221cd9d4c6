import { Client } from 'pg';
import { textArray } from './text-arrays';

describe('textArray', () => {
  it('writes the literal node-postgres writes, NULLs, quotes and backslashes included', () => {
    expect(textArray([])).toBe('{}');
    expect(textArray([''])).toBe('{""}');
    expect(textArray(['a', 'b c', '{x,y}'])).toBe('{"a","b c","{x,y}"}');
    expect(textArray(['a', null, 'b c', '{x,y}', 'say "hi"', 'back\\slash', 'NULL', ''])).toBe(
      '{"a",NULL,"b c","{x,y}","say \\"hi\\"","back\\\\slash","NULL",""}',
    );
  });

  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  it('reads back as the same texts in PostgreSQL', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const values = ['a', null, 'b c', '{x,y}', 'say "hi"', 'back\\slash', 'NULL', '', 'ünï\u{1F600}', ' lead', 'a,b', '\t\n'];
      const { rows } = await client.query<{ v: (string | null)[] }>('SELECT $1::text[] AS v', [textArray(values)]);
      expect(rows[0].v).toEqual(values);
    } finally {
      await client.end();
    }
  });
});
