import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AGENT_STATUSES } from '@app/kernel';
import { teamStats, type TeamStats, type TeamStatsAgent } from '@app/routing-domain';
import { ROUTING_CONFIG, type RoutingConfig } from '../../routing-config.js';
import { RoutingMetrics } from '../../routing-metrics.js';
import { RoutingState } from '../../routing-state.js';

/** Every team's live numbers as `routing_team_*` gauges, computed at scrape time from this instance's view. */
@Injectable()
export class TeamStatsGauges implements OnModuleInit {
  constructor(
    private readonly metrics: RoutingMetrics,
    private readonly state: RoutingState,
    @Inject(ROUTING_CONFIG) private readonly config: Pick<RoutingConfig, 'serviceLevelSeconds'>,
  ) {}

  onModuleInit(): void {
    this.metrics.metrics.addSource(() => this.update(new Date()));
  }

  /** Each known team's numbers: teams of agents and teams conversations arrived in, agents grouped in one pass. */
  private teamNumbers(now: Date): TeamStats[] {
    const byTeam = new Map<string, TeamStatsAgent[]>(this.state.activity.teams().map((team) => [team, []]));
    for (const agent of this.state.agentsForStats()) {
      for (const team of agent.teams) {
        let members = byTeam.get(team);
        if (!members) byTeam.set(team, (members = []));
        members.push(agent);
      }
    }
    return [...byTeam].map(([team, agents]) =>
      teamStats({ team, now, activity: this.state.activity, agents, serviceLevelSeconds: this.config.serviceLevelSeconds }));
  }

  private update(now: Date): void {
    const gauges = this.metrics.team;
    for (const gauge of Object.values(gauges)) gauge.reset();
    for (const { team, agents, conversations, lastFifteenMinutes: recent } of this.teamNumbers(now)) {
      for (const status of AGENT_STATUSES) gauges.agents.set({ team, status }, agents[status]);
      gauges.agentsConnected.set({ team }, agents.connected);
      if (conversations.oldestWaitSeconds !== null) gauges.oldestWaitSeconds.set({ team }, conversations.oldestWaitSeconds);
      gauges.assignedNow.set({ team }, conversations.assignedNow);
      gauges.offeredRecently.set({ team }, recent.offered);
      gauges.assignedRecently.set({ team }, recent.assigned);
      if (recent.medianWaitSeconds !== null) gauges.waitSeconds.set({ team, quantile: '0.5' }, recent.medianWaitSeconds);
      if (recent.p90WaitSeconds !== null) gauges.waitSeconds.set({ team, quantile: '0.9' }, recent.p90WaitSeconds);
      if (recent.serviceLevel !== null) gauges.serviceLevel.set({ team }, recent.serviceLevel);
    }
  }
}
