import { displayStoreUrl, openStore } from '../store/index.js';
import { type MigrationPlan, planMigrations } from '../store/schema-plan.js';
import type { Io } from './ingest-command.js';

/**
 * `tidings migrate`: says where the store's schema stands and what it will apply, then applies it
 * (every other command migrates a store it opens too; this one shows the plan first, and `--dry-run`
 * stops there). A store written by a newer Tidings is refused: downgrading is never done.
 */
export async function runMigrate(opts: { db: string; dryRun?: boolean }, io: Io): Promise<MigrationPlan> {
  const plan = await planMigrations(opts.db);
  const where = `${displayStoreUrl(opts.db)} (${plan.engine})`;
  if (plan.newer) {
    throw new Error(
      `tidings migrate: ${where} is at schema version ${plan.current}, newer than this build knows (${plan.latest}): ` +
        'it was written by a newer Tidings. Upgrade tidings to open it; a schema is never migrated backward.',
    );
  }
  if (plan.pending.length === 0) {
    io.out(`${where}: schema version ${plan.current}, up to date with this build\n`);
    return plan;
  }
  const lines = [
    plan.current === null
      ? `${where}: no store yet; this build creates it at schema version ${plan.latest}`
      : `${where}: schema version ${plan.current}; this build brings it to ${plan.latest}`,
    opts.dryRun ? 'would apply:' : 'applying:',
    ...plan.pending.map((m) => `  ${m.version}  ${m.steps.join('; ')}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  if (opts.dryRun) {
    io.out('nothing changed (--dry-run)\n');
    return plan;
  }
  const store = await openStore(opts.db);
  try {
    const { schemaVersion } = await store.stats();
    io.out(`done: schema version ${schemaVersion}, in one transaction\n`);
  } finally {
    await store.close();
  }
  return plan;
}
