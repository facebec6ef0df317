import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { formatPosition, parsePosition, type GlobalPosition } from '@app/event-store';

/**
 * Where the relay has published up to, in its own small SQLite file: unlike
 * the read model it is never reset by a rebuild. It is saved only after the
 * bus acknowledged, so it never runs ahead of what was published; with
 * synchronous=NORMAL a power cut may take it back a little, which only
 * republishes messages consumers drop by revision (at least once), and
 * spares an fsync per batch.
 */
export class RelayCheckpoint {
  private readonly db: Database.Database;
  private readonly select;
  private readonly upsert;

  constructor(file: string, private readonly name = 'availability-relay') {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL)');
    this.select = this.db.prepare<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?');
    this.upsert = this.db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position');
  }

  load(): GlobalPosition | undefined {
    const row = this.select.get(this.name);
    return row ? parsePosition(row.position) : undefined;
  }

  save(position: GlobalPosition): void {
    this.upsert.run(this.name, formatPosition(position));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
