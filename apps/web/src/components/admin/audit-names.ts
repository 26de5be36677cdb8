/**
 * The registers the audit log names (`entity` of each write, as the API's `*-writes.ts` record
 * them), each with its English label, the key of its translation in `admin.*.json`.
 */
const ENTITY_LABELS: Record<string, string> = {
  user: 'User accounts',
  session: 'Sign-ins',
  layer: 'Layer data',
  layer_settings: 'Layer publication',
  county_settings: 'County settings',
  ledger_entry: 'Problem ledger',
  proposal: 'Proposals',
  dataset: 'Dataset',
  change_patches: 'Change patches',
  restoration_targets: 'Restoration targets',
  restoration_progress: 'Restoration progress',
  ruleset: 'Ruleset',
  licence: 'Licence register',
  restoration_parcel: 'Parcel register',
  campaign: 'Campaigns',
  campaign_task: 'Campaign tasks',
};

/** What a write did (`action` of each entry), labelled the same way. */
const ACTION_LABELS: Record<string, string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  import: 'imported',
  restore: 'restored',
  login: 'signed in',
  load_demo: 'loaded the demo data',
  load_round: 'loaded a detection round',
  reset_password: 'reset the password',
  change_password: 'changed the password',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  sign_out_everywhere: 'signed out everywhere',
  sign_out_all: 'signed everyone out',
  register: 'registered',
  renewed: 'renewed',
  changed: 'recorded a change of',
  suspended: 'suspended',
  resumed: 'resumed',
  revoked: 'revoked',
  split: 'split',
  merge: 'merged',
  retire: 'withdrew',
  handover: 'handed over',
  handoverResult: 'recorded the hand-over result of',
  submitReport: 'recorded a report sent for',
  // A proposal's workflow steps (送审, 撤回, 同意, 退回, 登记为矿业权).
  submit: 'sent for review',
  withdraw: 'withdrew from review',
  approve: 'decided to approve',
  return: 'returned with comments',
  license: 'marked as licensed',
};

/** A register's name in the UI language (an unknown one by its key), `t` being i18next's. */
export const entityName = (entity: string, t: (key: string) => string): string =>
  ENTITY_LABELS[entity] ? `${t(ENTITY_LABELS[entity])}` : entity;

/** What a write did, in the UI language (an unknown action by its key). */
export const actionName = (action: string, t: (key: string) => string): string => (ACTION_LABELS[action] ? t(ACTION_LABELS[action]) : action);
