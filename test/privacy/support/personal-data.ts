import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { orderBody, uniqueId } from '@app/harness';

/**
 * A customer whose every personal value is unique to this run, so a search of tables and logs
 * for it cannot be fooled by another test's data. ASCII only: nothing along the way can escape it.
 */
export function distinctCustomer(label: string) {
  const tag = randomBytes(5).toString('hex');
  const name = `${label} Quartermain-${tag}`;
  return {
    customer: { id: uniqueId(`c-${label.toLowerCase()}`), email: `${label.toLowerCase()}.${tag}@example.org`, name, registered: true },
    shippingAddress: { name, line1: `${tag} Rue Secrete`, line2: `Batiment ${tag}`, city: `Montsegur-${tag}`, postalCode: '09300', region: 'Occitanie', country: 'FR' },
    returnNote: `Keys stick, call ${label} on ${tag}-phone`,
    complaint: `${label} says the parcel for ${tag} was late`,
    response: `Sorry ${label}, voucher for ${tag}`,
  };
}

export type DistinctCustomer = ReturnType<typeof distinctCustomer>;

/** What must never be found once the customer is erased (distinctive enough to search for). */
export function needlesOf(c: DistinctCustomer): string[] {
  return [c.customer.email, c.customer.name, c.shippingAddress.line1, c.shippingAddress.line2, c.shippingAddress.city, c.returnNote, c.complaint, c.response];
}

export function orderFor(c: DistinctCustomer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return orderBody({ customer: c.customer, shippingAddress: c.shippingAddress, ...overrides });
}

/** Every row of every table in every schema (system catalogs aside), as text, searched for each needle. */
export async function findInAllTables(pool: Pool, needles: readonly string[]): Promise<string[]> {
  const { rows: tables } = await pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  const found: string[] = [];
  for (const table of tables) {
    const { rows } = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${ident(table.schema)}.${ident(table.name)} t`);
    for (const { row } of rows) {
      for (const needle of needles) if (row.includes(needle)) found.push(`${table.schema}.${table.name}: ${needle}`);
    }
  }
  return [...new Set(found)];
}

export async function tableCount(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  return Number(rows[0].n);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
