import { settingsOf, type TeamRouting, type TeamRoutingSettings } from '@app/routing-domain';

/** A team's routing settings as the API answers them: the defaults for a team never configured. */
export interface TeamSettingsAnswer extends TeamRoutingSettings {
  readonly team: string;
  /** False for a team nobody configured: it routes with the defaults. */
  readonly configured: boolean;
  /** ISO-8601 and who, of the last change (the audit is the `team-<team>` stream). */
  readonly changedAt: string | null;
  readonly changedBy: { readonly kind: string; readonly id: string } | null;
}

export const teamSettingsAnswerOf = (team: string, state: TeamRouting): TeamSettingsAnswer => ({
  team, ...settingsOf(state),
  configured: state.kind === 'configured',
  changedAt: state.kind === 'configured' ? state.changedAt : null,
  changedBy: state.kind === 'configured' ? { kind: state.changedBy.kind, id: state.changedBy.id } : null,
});
