import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { isPostgresUrl } from './open-store.js';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import { splitSchema } from './postgres/postgres-repository.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from './sqlite/migrations.js';

/** Where a store's schema stands against this build, read without changing anything. */
export interface MigrationPlan {
  engine: 'sqlite' | 'postgres';
  /** The store's schema version; null when there is no store yet (it will be created). */
  current: number | null;
  /** The version this build brings a store to. */
  latest: number;
  /** The migrations opening the store would apply, each with what it does. */
  pending: { version: number; steps: string[] }[];
  /** The store was written by a newer Tidings: this build refuses to open it. */
  newer: boolean;
}

/** What a migration does, read from its SQL: one line per table, index or column it creates, alters or drops. */
export function migrationSteps(sql: string): string[] {
  const steps: string[] = [];
  const text = sql.replace(/--[^\n]*/g, ' ');
  const pattern =
    /\b(CREATE\s+(?:VIRTUAL\s+)?TABLE|CREATE\s+(?:UNIQUE\s+)?INDEX|ALTER\s+TABLE|DROP\s+(?:TABLE|INDEX)|UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?("?[\w.]+"?)([^;]*)/gi;
  for (const m of text.matchAll(pattern)) {
    const verb = (m[1] as string).replace(/\s+/g, ' ').toUpperCase();
    const name = (m[2] as string).replaceAll('"', '');
    const rest = m[3] as string;
    if (verb.startsWith('CREATE') && verb.includes('INDEX')) {
      const on = /\bON\s+("?\w+"?)/i.exec(rest)?.[1]?.replaceAll('"', '');
      steps.push(`create index ${name}${on ? ` on ${on}` : ''}`);
    } else if (verb.startsWith('CREATE')) {
      steps.push(`create ${verb.includes('VIRTUAL') ? 'search table' : 'table'} ${name}`);
    } else if (verb === 'ALTER TABLE') {
      for (const part of rest.split(',')) {
        const column = /\bADD\s+(?:COLUMN\s+)?("?\w+"?)/i.exec(part)?.[1];
        const dropped = /\bDROP\s+(?:COLUMN\s+)?("?\w+"?)/i.exec(part)?.[1];
        if (column) steps.push(`add column ${name}.${column.replaceAll('"', '')}`);
        else if (dropped) steps.push(`drop column ${name}.${dropped.replaceAll('"', '')}`);
        else steps.push(`alter table ${name}`);
      }
    } else if (verb.startsWith('DROP')) {
      steps.push(`${verb.toLowerCase()} ${name}`);
    } else {
      steps.push(`rewrite rows of ${name}`);
    }
  }
  return [...new Set(steps)];
}

function plan(
  engine: MigrationPlan['engine'],
  current: number | null,
  migrations: readonly string[],
): MigrationPlan {
  const from = current ?? 0;
  return {
    engine,
    current,
    latest: migrations.length,
    pending: migrations.slice(from).map((sql, i) => ({ version: from + i + 1, steps: migrationSteps(sql) })),
    newer: from > migrations.length,
  };
}

/** Reads a store's schema version and lists what opening it would apply; changes nothing. */
export async function planMigrations(url: string): Promise<MigrationPlan> {
  if (isPostgresUrl(url)) {
    const { connectionString, schema } = splitSchema(url);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const table = `${schema ?? 'public'}.schema_version`;
      const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
      if (!rows[0]?.present) return plan('postgres', null, POSTGRES_MIGRATIONS);
      const version = await client.query(`SELECT version FROM ${table}`);
      return plan('postgres', (version.rows[0]?.version as number | undefined) ?? 0, POSTGRES_MIGRATIONS);
    } finally {
      await client.end();
    }
  }
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (path === ':memory:' || !existsSync(path)) return plan('sqlite', null, SQLITE_MIGRATIONS);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
      .get();
    if (!table) return plan('sqlite', null, SQLITE_MIGRATIONS);
    const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    return plan('sqlite', row?.version ?? 0, SQLITE_MIGRATIONS);
  } finally {
    db.close();
  }
}
