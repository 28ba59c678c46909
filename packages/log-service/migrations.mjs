// @ts-check
// Versioned schema files: migrations/<store>/NNN_name.sql, applied in order at
// start and recorded in schema_migrations, so a second start applies nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/**
 * @typedef {Object} Migration
 * @property {number} version
 * @property {string} name
 * @property {string} sql
 */

/**
 * The migrations of one store, in version order.
 * @param {'sqlite' | 'postgres'} store
 * @returns {Migration[]}
 */
export function listMigrations(store) {
  const dir = fileURLToPath(new URL(`./migrations/${store}/`, import.meta.url));
  /** @type {Migration[]} */
  const migrations = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) continue;
    migrations.push({ version: Number(match[1]), name: match[2] ?? '', sql: readFileSync(dir + file, 'utf8') });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations/${store}: expected version ${i + 1}, found ${m.version}_${m.name}`);
  });
  return migrations;
}
