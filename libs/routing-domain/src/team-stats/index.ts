export { RECENT_WINDOW_MS, TeamActivity, type TeamActivitySnapshot } from './team-activity.js';
export { DEFAULT_SERVICE_LEVEL_SECONDS, teamStats, type TeamStats, type TeamStatsAgent, type TeamStatsInput } from './team-stats.js';
