import type { Knex } from 'knex';

/** The source a migrated single target keeps: it was the county's own setting, due by the end of the plan. */
export const MIGRATED_TARGET_SOURCE = '县局设置的单一目标（规划期末），由迁移转为一步';

/**
 * The large+medium mine ratio becomes a staged series (issue #15: 000 asks about 20 % by 2020 and
 * 30 % by 2022): a county's stored single target (`minLargeMediumRatio` in the `indicators`
 * setting) becomes a one-step series due by the end of the plan period (a step without a year),
 * its source saying so. The setting's version is kept: its meaning has not changed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE county_settings
        SET value = (value - 'minLargeMediumRatio')
                    || jsonb_build_object('largeMediumRatioSteps',
                         jsonb_build_array(jsonb_build_object('percent', value -> 'minLargeMediumRatio', 'source', ?::text)))
      WHERE key = 'indicators' AND jsonb_typeof(value -> 'minLargeMediumRatio') = 'number'`,
    [MIGRATED_TARGET_SOURCE],
  );
}

/** Back to one target: the last step's percent. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    `UPDATE county_settings
        SET value = (value - 'largeMediumRatioSteps')
                    || jsonb_build_object('minLargeMediumRatio', value -> 'largeMediumRatioSteps' -> -1 -> 'percent')
      WHERE key = 'indicators' AND jsonb_typeof(value -> 'largeMediumRatioSteps') = 'array'`,
  );
}
