import type { Database } from '@mpm/api';

type Knex = Database['knex'];

/** A statement the app ran, as sent (`$n` placeholders) with its values, and the request that ran it. */
export interface Captured {
  label: string;
  sql: string;
  bindings: unknown[];
}

/** The tables that grow with the province: a sequential scan of one reads every county's rows. */
const PROVINCE_TABLES = new Set([
  'admin_areas',
  'protected_areas',
  'mining_zoning',
  'planning_blocks',
  'concentrated_zones',
  'line_features',
  'mining_rights',
  'exploration_rights',
  'change_patches',
  'restoration_parcels',
  'licence_events',
  'parcel_events',
]);

/** Records every statement run on `knex` (each text once, under the label current when it first ran) until stopped. */
export function captureQueries(knex: Knex) {
  const statements: Captured[] = [];
  const seen = new Set<string>();
  let label = '';
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    if (seen.has(query.sql)) return;
    seen.add(query.sql);
    statements.push({ label, sql: query.sql, bindings: query.bindings ?? [] });
  };
  knex.on('query', listener);
  return {
    statements,
    label: (next: string) => void (label = next),
    stop: () => void knex.off('query', listener),
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

/** Each scan of a plan, as `Node Type on relation [using index]`. */
function scans(node: PlanNode, into: string[] = []): string[] {
  if (node['Relation Name']) into.push(`${node['Node Type']} on ${node['Relation Name']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}`);
  else if (node['Index Name']) into.push(`${node['Node Type']} using ${node['Index Name']}`);
  for (const child of node.Plans ?? []) scans(child, into);
  return into;
}

/**
 * The plan PostgreSQL makes for each captured statement with its values (plain EXPLAIN: nothing
 * runs): every scan it does, and those that read a whole table of the province.
 */
export async function explainCaptured(knex: Knex, statements: readonly Captured[]) {
  const connection = (await knex.client.acquireConnection()) as { query(sql: string, values: unknown[]): Promise<{ rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] }> };
  try {
    const plans = [];
    for (const { label, sql, bindings } of statements) {
      if (!/^\s*(\(?\s*select|with|update|insert|delete)\b/i.test(sql)) continue;
      const result = await connection.query(`EXPLAIN (FORMAT JSON) ${sql}`, bindings);
      const all = scans(result.rows[0]['QUERY PLAN'][0].Plan);
      const wholeTableScans = all.filter((scan) => scan.startsWith('Seq Scan on ') && PROVINCE_TABLES.has(scan.slice('Seq Scan on '.length)));
      plans.push({ label, sql: sql.replace(/\s+/g, ' ').slice(0, 400), scans: [...new Set(all)], wholeTableScans: [...new Set(wholeTableScans)] });
    }
    return plans;
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
