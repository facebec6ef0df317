import { describe, expect, it } from '@jest/globals';
import { accessPolicy, reportScope } from './access-policy.js';
import type { Caller, Role } from './caller.js';

const caller = (role: Role, id: string, teams: string[] = []): Caller => ({ id, role, teams, expiresAt: undefined });
const agent = caller('agent', 'a1', ['sales']);
const otherAgent = caller('agent', 'a2', ['sales']);
const salesSupervisor = caller('supervisor', 'sup-1', ['sales']);
const billingSupervisor = caller('supervisor', 'sup-2', ['billing']);
const admin = caller('admin', 'root');
const service = caller('service', 'routing');

describe('who may do what', () => {
  it('lets an agent set only its own status', () => {
    expect(accessPolicy.setStatus(agent, 'a1')).toBe(true);
    expect(accessPolicy.setStatus(otherAgent, 'a1')).toBe(false);
    expect(accessPolicy.setStatus(salesSupervisor, 'a1')).toBe(false);
    expect(accessPolicy.setStatus(service, 'a1')).toBe(false);
    expect(accessPolicy.setStatus(admin, 'a1')).toBe(true);
  });

  it("lets only the agent itself (or an admin) hold the agent's session or heartbeat", () => {
    expect(accessPolicy.holdSession(agent, 'a1')).toBe(true);
    expect(accessPolicy.holdSession(otherAgent, 'a1')).toBe(false);
    expect(accessPolicy.holdSession(salesSupervisor, 'a1')).toBe(false);
    expect(accessPolicy.holdSession(service, 'a1')).toBe(false);
    expect(accessPolicy.holdSession(admin, 'a1')).toBe(true);
  });

  it('lets only admins keep the catalogue of status reasons', () =>
    expect([admin, salesSupervisor, agent, service].map((c) => accessPolicy.putStatusReason(c))).toEqual([true, false, false, false]));

  it("lets a supervisor override only agents of its teams", () => {
    expect(accessPolicy.overrideStatus(salesSupervisor, ['sales'])).toBe(true);
    expect(accessPolicy.overrideStatus(billingSupervisor, ['sales'])).toBe(false);
    expect(accessPolicy.overrideStatus(agent, ['sales'])).toBe(false);
    expect(accessPolicy.overrideStatus(admin, ['sales'])).toBe(true);
  });

  it('lets an agent read only its own history, and supervisors of its teams', () => {
    expect(accessPolicy.readHistory(agent, 'a1', ['sales'])).toBe(true);
    expect(accessPolicy.readHistory(otherAgent, 'a1', ['sales'])).toBe(false);
    expect(accessPolicy.readHistory(salesSupervisor, 'a1', ['sales'])).toBe(true);
    expect(accessPolicy.readHistory(billingSupervisor, 'a1', ['sales'])).toBe(false);
    expect(accessPolicy.readHistory(service, 'a1', ['sales'])).toBe(false);
  });

  it('lets supervisors register agents only into teams they oversee', () => {
    expect(accessPolicy.putAgentProfile(salesSupervisor, [], ['sales'])).toBe(true);
    expect(accessPolicy.putAgentProfile(salesSupervisor, ['billing'], ['sales'])).toBe(false);
    expect(accessPolicy.putAgentProfile(agent, [], ['sales'])).toBe(false);
    expect(accessPolicy.putAgentProfile(admin, [], ['x'])).toBe(true);
  });

  it('keeps the floor from agents', () => {
    expect(accessPolicy.watchFloor(agent)).toBe(false);
    expect(accessPolicy.watchFloor(salesSupervisor)).toBe(true);
    expect(accessPolicy.seesAgent(salesSupervisor, 'b9', ['billing'])).toBe(false);
  });

  it('lets the assigned agent or a supervisor of the team handle a conversation', () => {
    expect(accessPolicy.handleConversation(agent, 'sales', 'a1')).toBe(true);
    expect(accessPolicy.handleConversation(otherAgent, 'sales', 'a1')).toBe(false);
    expect(accessPolicy.handleConversation(salesSupervisor, 'sales', 'a1')).toBe(true);
    expect(accessPolicy.handleConversation(billingSupervisor, 'sales', 'a1')).toBe(false);
    expect(accessPolicy.queueConversation(agent)).toBe(false);
    expect(accessPolicy.queueConversation(service)).toBe(true);
  });

  it('lets an agent of the team answer offers for itself, and an admin for the offered agent', () => {
    expect(accessPolicy.answerOffer(agent, 'sales')).toBe(true);
    expect(accessPolicy.answerOffer(caller('agent', 'b1', ['billing']), 'sales')).toBe(false);
    expect(accessPolicy.answerOffer(salesSupervisor, 'sales')).toBe(false);
    expect(accessPolicy.answerOffer(service, 'sales')).toBe(false);
    expect(accessPolicy.answerOffer(admin, 'sales')).toBe(true);
  });

  it("lets admins and the team's supervisors configure and read a team's routing", () => {
    for (const rule of [accessPolicy.configureTeam, accessPolicy.readTeamSettings]) {
      expect([admin, salesSupervisor, billingSupervisor, agent, service].map((c) => rule(c, 'sales'))).toEqual([true, true, false, false, false]);
    }
  });

  it('lets whoever may read a history check that it is intact', () => {
    expect([agent, otherAgent, salesSupervisor, billingSupervisor, admin, service].map((c) => accessPolicy.verifyHistory(c, 'a1', ['sales'])))
      .toEqual([true, false, true, false, true, false]);
  });

  it("lets a supervisor report on its own team, or an agent of it, and admins on any", () => {
    expect(accessPolicy.readReport(salesSupervisor, 'sales', undefined)).toBe(true);
    expect(accessPolicy.readReport(salesSupervisor, 'billing', undefined)).toBe(false);
    expect(accessPolicy.readReport(salesSupervisor, undefined, ['sales', 'billing'])).toBe(true);
    expect(accessPolicy.readReport(salesSupervisor, undefined, ['billing'])).toBe(false);
    expect(accessPolicy.readReport(salesSupervisor, 'sales', ['billing'])).toBe(false);
    expect(accessPolicy.readReport(admin, 'billing', ['billing'])).toBe(true);
  });

  it('keeps reports from agents and services', () =>
    expect([agent, service].map((c) => accessPolicy.readReport(c, 'sales', undefined))).toEqual([false, false]));

  it("limits a supervisor's report to the agents of its teams, and not an admin's", () => {
    expect(reportScope(salesSupervisor)).toEqual(['sales']);
    expect(reportScope(admin)).toBeUndefined();
  });

  it("shows a team's live numbers to its supervisors, admins and services, not to agents", () => {
    expect([salesSupervisor, billingSupervisor, admin, service, agent].map((c) => accessPolicy.readTeamStats(c, 'sales')))
      .toEqual([true, false, true, true, false]);
  });
});
