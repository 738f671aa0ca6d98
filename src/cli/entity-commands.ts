import {
  EntityChangeError,
  type EntityChangeResult,
  type EntityOverride,
  getEntity,
  listEntityOverrides,
  mergeEntities,
  revertEntityOverride,
  splitEntity,
} from '../services/entities.js';
import { listEntities } from '../services/query.js';
import { openStore } from '../store/index.js';
import type { Repository } from '../store/repository.js';
import type { Io } from './ingest-command.js';

export interface EntitiesOptions {
  db: string;
  json?: boolean;
  q?: string;
  limit?: number;
  into?: string;
  note?: string;
}

function describeOverride(o: EntityOverride): string {
  const what =
    o.kind === 'merge'
      ? `merge ${o.entity} into ${o.into}`
      : `split ${JSON.stringify(o.alias)} off ${o.entity} into ${o.into}`;
  const state = o.revertedAt ? `reverted ${o.revertedAt}` : 'in force';
  return `#${o.id}  ${what}  (${o.createdAt}, ${state})${o.note ? `  — ${o.note}` : ''}`;
}

function describeChange(verb: string, r: EntityChangeResult): string {
  const h = r.happenings;
  return `${verb} ${describeOverride(r.override)}
${r.documents} documents rebuilt; happenings: ${h.removed} removed, ${h.left} left, ${h.created} opened, ${h.joined} joined\n`;
}

async function withStore(db: string, io: Io, work: (store: Repository) => Promise<number>): Promise<number> {
  const store = await openStore(db);
  try {
    return await work(store);
  } catch (error) {
    if (error instanceof EntityChangeError) {
      io.err(`${error.message}\n`);
      return error.status === 404 ? 1 : 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * `tidings entities [list|show ID|merge FROM INTO|split ID ALIAS|overrides|revert N]`: canonical entities
 * across the store and the user's corrections of them (services/entities.ts).
 */
export async function runEntities(
  action: string,
  args: string[],
  opts: EntitiesOptions,
  io: Io,
): Promise<number> {
  const print = (value: unknown, text: string) => io.out(opts.json ? `${JSON.stringify(value)}\n` : text);
  return withStore(opts.db, io, async (store) => {
    switch (action) {
      case 'list': {
        const page = await listEntities(store, { limit: opts.limit ?? 50, ...(opts.q ? { q: opts.q } : {}) });
        const lines = page.items.map(
          (e) =>
            `${e.entityId}  ${e.name}  ${e.type}${e.country ? ` ${e.country}` : ''}  ${e.documents} docs, ${e.mentions} mentions`,
        );
        print(page, `${[...lines, `${page.items.length} of ${page.total}`].join('\n')}\n`);
        return 0;
      }
      case 'show': {
        const id = args[0] ?? '';
        const entity = await getEntity(store, id);
        if (!entity) {
          io.err(`no entity with id ${JSON.stringify(id)}\n`);
          return 1;
        }
        print(
          entity,
          `${[
            `${entity.entityId}  ${entity.name}  ${entity.type}${entity.country ? ` ${entity.country}` : ''}  ${entity.documents} docs, ${entity.mentions} mentions`,
            'aliases:',
            ...entity.aliases.map((a) => `  ${a.name}  ${a.documents} docs, ${a.mentions} mentions`),
            ...(entity.overrides.length
              ? ['overrides:', ...entity.overrides.map((o) => `  ${describeOverride(o)}`)]
              : []),
          ].join('\n')}\n`,
        );
        return 0;
      }
      case 'overrides': {
        const all = await listEntityOverrides(store);
        print({ items: all }, all.length ? `${all.map(describeOverride).join('\n')}\n` : 'no overrides\n');
        return 0;
      }
      case 'merge': {
        const [entity, into] = args;
        if (!entity || !into) {
          io.err('usage: tidings entities merge FROM INTO [--note TEXT]\n');
          return 2;
        }
        const r = await mergeEntities(store, { entity, into, ...(opts.note ? { note: opts.note } : {}) });
        print(r, describeChange('made', r));
        return 0;
      }
      case 'split': {
        const [entity, alias] = args;
        if (!entity || !alias) {
          io.err('usage: tidings entities split ENTITY ALIAS [--into ID] [--note TEXT]\n');
          return 2;
        }
        const r = await splitEntity(store, {
          entity,
          alias,
          ...(opts.into ? { into: opts.into } : {}),
          ...(opts.note ? { note: opts.note } : {}),
        });
        print(r, describeChange('made', r));
        return 0;
      }
      case 'revert': {
        const id = Number(args[0]);
        const r = await revertEntityOverride(store, id);
        print(r, describeChange('reverted', r));
        return 0;
      }
      default:
        io.err(`unknown action ${JSON.stringify(action)}: list, show, merge, split, overrides or revert\n`);
        return 2;
    }
  });
}
