import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_MIN_BLOCK_AREA_M2 } from '@mpm/domain';
import {
  BlockSettingsBody,
  BlockSettingsResponse,
  BufferSettingsBody,
  BufferSettingsResponse,
  CountyProfileBody,
  CountyProfileResponse,
  IndicatorSettingsResponse,
  IndicatorTargetsBody,
} from '@mpm/contracts';
import type { PlanIndicatorTargets } from '@mpm/rules';
import { isStaffRequest, requireRole } from '../../../plugins/app/auth/auth.plugin.ts';
import { BLOCKS_KEY, BUFFERS_KEY, COUNTY_KEY, INDICATORS_KEY, effectiveBuffers, effectiveIndicators } from '../../../plugins/app/settings/settings-repository.ts';
import { countyProfile } from '../../../plugins/app/settings/county-profile.ts';
import { versionView, withoutBase } from '../../../plugins/app/settings/setting-version.ts';
import { setBlockSettings, setBufferWidths, setCountyProfile, setIndicatorTargets } from '../../../plugins/app/settings/settings-writes.ts';

/**
 * The county's profile (name, code, Gauss–Krüger zone: anyone reads it), its buffer widths around
 * the two lines (roads, railways, rivers), its minimum block area and its plan indicator targets (staff read them): admins
 * change them, without code; each change is audited with the values before and after. Widths and
 * targets apply to the next check. Each answer gives the setting's version; a change may send the
 * version it was based on (`baseVersion`) and is refused with a 409 when another came first.
 * A read takes the version before the value: a save landing between them makes the next change
 * a 409, never a change based on values older than its version.
 */
const settings: FastifyPluginAsyncTypebox = async (app) => {
  const { bufferDefaults: defaults, bufferLegalBasis: legalBasis } = app.ruleset;
  const { legalBasis: indicatorBasis, ...indicatorDefaults } = app.ruleset.indicators;
  /** The effective targets as the routes answer them: beside the ruleset's, with its legal basis once. */
  const indicatorSettings = ({ legalBasis: _basis, ...indicators }: PlanIndicatorTargets) => ({
    indicators,
    defaults: indicatorDefaults,
    legalBasis: indicatorBasis,
  });
  const { settings: repo } = app.repos;

  // The county's profile is public: the map names the county it shows (who saved it: staff only).
  app.get('/api/settings/county', { schema: { response: { 200: CountyProfileResponse } } }, async (request) => {
    const saved = await repo.version(COUNTY_KEY);
    const profile = await countyProfile(repo);
    return { ...profile, ...versionView(saved, isStaffRequest(request)) };
  });

  app.put(
    '/api/settings/county',
    { preValidation: requireRole('admin'), schema: { body: CountyProfileBody, response: { 200: CountyProfileResponse } } },
    async (request) => {
      const { baseVersion, ...profile } = request.body;
      const { value, saved } = await setCountyProfile(app, profile, request.user!.id, baseVersion);
      return { county: value, stored: true, ...versionView(saved) };
    },
  );

  app.get(
    '/api/settings/buffers',
    { preHandler: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: BufferSettingsResponse } } },
    async () => {
      const saved = await repo.version(BUFFERS_KEY);
      const widths = await repo.bufferWidths();
      return { buffers: effectiveBuffers(defaults, widths), defaults, legalBasis, ...versionView(saved) };
    },
  );

  app.put(
    '/api/settings/buffers',
    {
      preValidation: requireRole('admin'),
      schema: { body: BufferSettingsBody, response: { 200: BufferSettingsResponse } },
    },
    async (request) => {
      const { base, change } = withoutBase(request.body);
      const { value, saved } = await setBufferWidths(app, defaults, change, request.user!.id, base);
      return { buffers: value, defaults, legalBasis, ...versionView(saved) };
    },
  );

  // The minimum block area: /api/config gives it to everyone who checks; here staff see who set it.
  app.get(
    '/api/settings/blocks',
    { preHandler: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: BlockSettingsResponse } } },
    async () => {
      const saved = await repo.version(BLOCKS_KEY);
      return { ...(await repo.blockSettings()), defaultMinBlockAreaM2: DEFAULT_MIN_BLOCK_AREA_M2, ...versionView(saved) };
    },
  );

  app.put(
    '/api/settings/blocks',
    { preValidation: requireRole('admin'), schema: { body: BlockSettingsBody, response: { 200: BlockSettingsResponse } } },
    async (request) => {
      const { baseVersion, ...value } = request.body;
      const { value: stored, saved } = await setBlockSettings(app, value, request.user!.id, baseVersion);
      return { ...stored, defaultMinBlockAreaM2: DEFAULT_MIN_BLOCK_AREA_M2, ...versionView(saved) };
    },
  );

  app.get(
    '/api/settings/indicators',
    { preHandler: requireRole('planner', 'inspector', 'reviewer', 'admin'), schema: { response: { 200: IndicatorSettingsResponse } } },
    async () => {
      const saved = await repo.version(INDICATORS_KEY);
      const targets = await repo.indicatorTargets();
      return { ...indicatorSettings(effectiveIndicators(app.ruleset.indicators, targets)), ...versionView(saved) };
    },
  );

  app.put(
    '/api/settings/indicators',
    {
      preValidation: requireRole('admin'),
      schema: { body: IndicatorTargetsBody, response: { 200: IndicatorSettingsResponse } },
    },
    async (request) => {
      const { base, change } = withoutBase(request.body);
      const { value, saved } = await setIndicatorTargets(app, app.ruleset.indicators, change, request.user!.id, base);
      return { ...indicatorSettings(value), ...versionView(saved) };
    },
  );
};
export default settings;
