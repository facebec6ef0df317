import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { formatPosition, parsePosition, type GlobalPosition } from '@app/event-store';
import type { AgentStatus } from '@app/kernel';
import type { PresenceEvent } from '@app/presence-domain';
import type { AgentAvailability } from './agent-availability.js';
import { StagedAvailability } from './staged-availability.js';

export interface AvailabilityFilter {
  readonly team?: string;
  readonly status?: AgentStatus;
}

interface AgentRow { readonly state: string }
interface SnapshotRow { readonly position: string; readonly latest_occurred_at: string; readonly agents: string }

/** The whole floor as the read model held it after the event at `position`; no event up to there occurred after `latestOccurredAt`. */
export interface FloorSnapshot {
  readonly position: GlobalPosition;
  readonly latestOccurredAt: string;
  readonly agents: readonly AgentAvailability[];
}

/**
 * The current-availability read model in its own SQLite file. It is
 * disposable: the event log is the truth, and it can be rebuilt from
 * position zero. So it runs with synchronous=NORMAL: a power cut may roll
 * back its last transactions, and with them the checkpoint, which the
 * projection then replays.
 */
export class AvailabilityReadModel {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly staged = new StagedAvailability();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS agents (
        agent_id TEXT PRIMARY KEY, status TEXT NOT NULL, state TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS agent_teams (
        team TEXT NOT NULL, agent_id TEXT NOT NULL, PRIMARY KEY (team, agent_id)
      );
      -- Without it, replacing an agent's teams scanned every team row: a rebuild of 10,000 agents went quadratic.
      CREATE INDEX IF NOT EXISTS agent_teams_by_agent ON agent_teams (agent_id);
      CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS floor_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT, position TEXT NOT NULL, latest_occurred_at TEXT NOT NULL, agents TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS floor_snapshots_by_time ON floor_snapshots (latest_occurred_at);
    `);
    this.statements = {
      get: this.db.prepare<[string], AgentRow>('SELECT state FROM agents WHERE agent_id = ?'),
      upsert: this.db.prepare('INSERT INTO agents (agent_id, status, state) VALUES (?, ?, ?) ON CONFLICT(agent_id) DO UPDATE SET status = excluded.status, state = excluded.state'),
      deleteTeams: this.db.prepare('DELETE FROM agent_teams WHERE agent_id = ?'),
      insertTeam: this.db.prepare('INSERT OR IGNORE INTO agent_teams (team, agent_id) VALUES (?, ?)'),
      // Keyset pages: agents after an id, in id order, at most a limit (-1: no limit).
      all: this.db.prepare<[string, number], AgentRow>('SELECT state FROM agents WHERE agent_id > ? ORDER BY agent_id LIMIT ?'),
      byStatus: this.db.prepare<[string, string, number], AgentRow>('SELECT state FROM agents WHERE status = ? AND agent_id > ? ORDER BY agent_id LIMIT ?'),
      byTeam: this.db.prepare<[string, string, number], AgentRow>(
        'SELECT a.state FROM agent_teams t JOIN agents a USING (agent_id) WHERE t.team = ? AND a.agent_id > ? ORDER BY a.agent_id LIMIT ?'),
      byTeamAndStatus: this.db.prepare<[string, string, string, number], AgentRow>(
        'SELECT a.state FROM agent_teams t JOIN agents a USING (agent_id) WHERE t.team = ? AND a.status = ? AND a.agent_id > ? ORDER BY a.agent_id LIMIT ?'),
      checkpoint: this.db.prepare<[string], { position: string }>('SELECT position FROM checkpoints WHERE name = ?'),
      saveCheckpoint: this.db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position'),
      // The floor as one JSON array built inside SQLite, in storage order (readers key it by agent id):
      // copying every agent's row into JavaScript and back to join them, or sorting them in the
      // aggregate, was 9 % of a whole-log rebuild (one snapshot per 50,000 events).
      insertSnapshot: this.db.prepare(
        "INSERT INTO floor_snapshots (position, latest_occurred_at, agents) SELECT ?, ?, '[' || ifnull(group_concat(state, ','), '') || ']' FROM agents"),
      // The newest snapshot all of whose events occurred by the instant (ISO-8601 UTC strings sort by time).
      snapshotBefore: this.db.prepare<[string], SnapshotRow>(
        'SELECT position, latest_occurred_at, agents FROM floor_snapshots WHERE latest_occurred_at <= ? ORDER BY latest_occurred_at DESC, id DESC LIMIT 1'),
    };
  }

  /**
   * Applies one event and moves the checkpoint with it, so a replay never
   * applies twice: inside a batch both are folded in memory and written at
   * its commit, one row per touched agent; alone, both in one transaction.
   */
  apply(event: PresenceEvent, revision: number, position: GlobalPosition): void {
    this.staged.stage(event, revision, position, (agentId) => this.stored(agentId));
    if (!this.db.inTransaction) this.db.transaction(() => this.flush())();
  }

  /** Writes what the batch staged into the open transaction. */
  private flush(): void {
    if (this.staged.isEmpty) return;
    const { agents, checkpoint, latestOccurredAt } = this.staged.drain();
    for (const { agentId, view, teamsChanged, hadRow } of agents) {
      if (!view) continue;
      this.statements.upsert.run(agentId, view.status, JSON.stringify(view));
      if (!teamsChanged) continue;
      if (hadRow) this.statements.deleteTeams.run(agentId);
      for (const team of view.teams) this.statements.insertTeam.run(team, agentId);
    }
    const latest = this.statements.checkpoint.get(LATEST_OCCURRED_AT)?.position;
    if (latestOccurredAt !== undefined && (latest === undefined || latestOccurredAt > latest)) this.statements.saveCheckpoint.run(LATEST_OCCURRED_AT, latestOccurredAt);
    if (checkpoint) this.statements.saveCheckpoint.run(CHECKPOINT, formatPosition(checkpoint));
  }

  /**
   * Starts a batch: the next applies share one transaction until
   * commitBatch, so a catch-up or a burst pays one commit per batch instead
   * of one per event. Readers of this model see the batch at once.
   */
  beginBatch(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
  }

  commitBatch(): void {
    if (!this.db.inTransaction) return;
    this.flush();
    this.db.exec('COMMIT');
  }

  /** Drops an unfinished batch, and the checkpoint with it, so the projection replays it. */
  rollbackBatch(): void {
    this.staged.clear();
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  get(agentId: string): AgentAvailability | undefined {
    const staged = this.staged.view(agentId);
    return staged ? staged.view : this.stored(agentId);
  }

  private stored(agentId: string): AgentAvailability | undefined {
    const row = this.statements.get.get(agentId);
    return row ? (JSON.parse(row.state) as AgentAvailability) : undefined;
  }

  /** Agents matching the filter in agent id order, after `afterAgentId`, at most `limit` (all by default). */
  list(filter: AvailabilityFilter = {}, afterAgentId = '', limit = -1): AgentAvailability[] {
    this.flush();
    const rows = filter.team !== undefined && filter.status !== undefined
      ? this.statements.byTeamAndStatus.all(filter.team, filter.status, afterAgentId, limit)
      : filter.team !== undefined ? this.statements.byTeam.all(filter.team, afterAgentId, limit)
        : filter.status !== undefined ? this.statements.byStatus.all(filter.status, afterAgentId, limit)
          : this.statements.all.all(afterAgentId, limit);
    return rows.map((row) => JSON.parse(row.state) as AgentAvailability);
  }

  checkpoint(): GlobalPosition | undefined {
    if (this.staged.checkpoint) return this.staged.checkpoint;
    const row = this.statements.checkpoint.get(CHECKPOINT);
    return row ? parsePosition(row.position) : undefined;
  }

  /** Stores the whole floor as it stands now, so point-in-time queries can start here instead of at zero. */
  snapshotFloor(): void {
    this.flush();
    const position = this.statements.checkpoint.get(CHECKPOINT)?.position;
    const latest = this.statements.checkpoint.get(LATEST_OCCURRED_AT)?.position;
    if (position === undefined || latest === undefined) return;
    this.statements.insertSnapshot.run(position, latest);
  }

  floorSnapshotBefore(at: Date): FloorSnapshot | undefined {
    const row = this.statements.snapshotBefore.get(at.toISOString());
    const position = row && parsePosition(row.position);
    if (!row || !position) return undefined;
    return { position, latestOccurredAt: row.latest_occurred_at, agents: JSON.parse(row.agents) as AgentAvailability[] };
  }

  /** Forgets everything, for a rebuild from position zero. */
  reset(): void {
    this.staged.clear();
    this.db.exec('DELETE FROM agents; DELETE FROM agent_teams; DELETE FROM checkpoints; DELETE FROM floor_snapshots;');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const CHECKPOINT = 'availability';
/** The latest occurred-at among applied events (kept beside the checkpoint; not a position). */
const LATEST_OCCURRED_AT = 'latest-occurred-at';
