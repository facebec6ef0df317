import { startPresenceTestApp } from './support/presence-test-app.js';
import { describePresenceScenarios } from './support/presence-scenarios.js';

describePresenceScenarios('presence over HTTP on the embedded SQLite event store', () => startPresenceTestApp());
