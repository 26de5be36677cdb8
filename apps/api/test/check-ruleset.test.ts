import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import checks from '../src/plugins/app/checks/checks.plugin.ts';
import { planPeriodEnded } from '@mpm/rules';
import { RULESET_FILE, RulesetError, loadRuleset } from '../src/plugins/app/checks/ruleset.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpm-ruleset-'));
const original = JSON.parse(fs.readFileSync(RULESET_FILE, 'utf8'));
const write = (name: string, data: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};

describe('the ruleset file', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the county ruleset with its plan period', () => {
    const ruleset = loadRuleset();
    expect(ruleset.id).toBe('zhengning-2021');
    expect(ruleset.planPeriod).toEqual({ from: 2021, to: 2025 });
    expect(planPeriodEnded(ruleset, new Date('2025-12-31T12:00:00'))).toBe(false);
    expect(planPeriodEnded(ruleset, new Date('2026-01-01T12:00:00'))).toBe(true);
  });

  it('refuses a misspelt member, naming the file and the JSON path', () => {
    const misspelt = structuredClone(original);
    misspelt.zoneRules[3].mineral = misspelt.zoneRules[3].minerals;
    delete misspelt.zoneRules[3].minerals;
    const file = write('misspelt.json', misspelt);
    expect(() => loadRuleset(file)).toThrow(RulesetError);
    expect(() => loadRuleset(file)).toThrow(/misspelt\.json[\s\S]*\/zoneRules\/3/);
  });

  it('refuses an unknown buffer key, a missing plan period and text that is not JSON', () => {
    const badKey = structuredClone(original);
    badKey.zoneRules.find((r: { id: string }) => r.id === 'railwayProtection').distance = 'railwayFeet';
    expect(() => loadRuleset(write('bad-key.json', badKey))).toThrow(/\/zoneRules\/\d+\/distance/);
    const { planPeriod: _omit, ...noPeriod } = original;
    expect(() => loadRuleset(write('no-period.json', noPeriod))).toThrow(/planPeriod/);
    expect(() => loadRuleset(write('broken.json', '{ "id": '))).toThrow(/cannot be read as JSON/);
  });

  it('stops the app from starting', async () => {
    const app = Fastify({ logger: false });
    await expect(app.register(checks, { rulesetFile: write('empty.json', {}) }).ready()).rejects.toThrow(RulesetError);
    await app.close();
  });
});
