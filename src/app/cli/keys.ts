// npm run keys -- create --role PARTNER|INSTITUTION_STAFF|AUTHORITY|ADMIN --name NAME [--institution CODE] [--region CODE] [--budget N]
// npm run keys -- list
// npm run keys -- revoke ID
// npm run keys -- budget ID N|default
// Works on DATABASE_URL, the embedded cluster `npm start` is running, or a cluster started for it.
import { parseArgs } from 'node:util';
import {
  createApiKey,
  listApiKeys,
  type KeyListing,
  parseBudget,
  revokeApiKey,
  setKeyBudget,
} from '../../auth/api-key.commands';
import { loadConfig } from '../../config';
import { normalizeRegionCode } from '../../regions/region-code';
import { createLogger } from '../../logger';
import { migrateUnderLock, withToolDatabase } from './tool-database';

const USAGE = `usage:
  npm run keys -- create --role PARTNER|INSTITUTION_STAFF|AUTHORITY|ADMIN --name NAME [--institution CODE] [--region CODE] [--budget N]
  npm run keys -- list
  npm run keys -- revoke ID
  npm run keys -- budget ID N|default      (cost points per minute; default: KEY_BUDGET_PER_MINUTE)`;

/** `keys -- list`: a header row, then one tab-separated row per key (never the key itself). */
const KEY_COLUMNS: [string, (key: KeyListing) => string][] = [
  ['ID', (key) => key.publicId],
  ['ROLE', (key) => key.role],
  ['INSTITUTION', (key) => key.institution ?? '-'],
  ['REGION', (key) => key.region ?? '-'],
  ['BUDGET', (key) => (key.budgetPerMinute === null ? 'default' : `${key.budgetPerMinute}/min`)],
  ['STATUS', (key) => (key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active')],
  ['CREATED', (key) => key.createdAt.toISOString()],
  ['NAME', (key) => key.name],
];

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      institution: { type: 'string' },
      region: { type: 'string' },
      budget: { type: 'string' },
    },
  });
  const [command, id, budget] = positionals;
  if (
    !['create', 'list', 'revoke', 'budget'].includes(command) ||
    (command === 'revoke' && !id) ||
    (command === 'budget' && (!id || !budget))
  ) {
    console.error(USAGE);
    return 2;
  }
  const tool = {
    config: loadConfig(),
    log: createLogger('warn'),
    applicationName: 'sme-network-keys',
    // One connection holds the start-up lock while another migrates.
    poolSize: 2,
  };
  return withToolDatabase(tool, async (sql) => {
    await migrateUnderLock(sql);
    if (command === 'create') {
      const { key, apiKey } = await createApiKey(sql, {
        role: values.role ?? '',
        name: values.name ?? '',
        institutionCode: values.institution,
        regionCode:
          values.region === undefined ? undefined : normalizeRegionCode(values.region, '--region'),
        budget: values.budget,
      });
      console.log(
        `Created ${apiKey.role} key "${apiKey.name}" with id ${apiKey.publicId}${values.institution ? ` for ${values.institution}` : ''}${apiKey.regionCode ? ` governing ${apiKey.regionCode}` : ''}.`,
      );
      console.log(
        'The key is shown this once; only its hash is stored. Send it as "Authorization: Bearer <key>":',
      );
      console.log(key);
    } else if (command === 'list') {
      const keys = await listApiKeys(sql);
      if (keys.length === 0)
        console.log('No keys yet: npm run keys -- create --role PARTNER --name "My app"');
      else console.log(KEY_COLUMNS.map(([header]) => header).join('\t'));
      for (const key of keys) console.log(KEY_COLUMNS.map(([, value]) => value(key)).join('\t'));
    } else if (command === 'budget') {
      const perMinute = parseBudget(budget);
      await setKeyBudget(sql, id, perMinute);
      console.log(
        `Key ${id} may now spend ${perMinute === null ? 'the default budget' : `${perMinute} cost points`} per minute, from its next request.`,
      );
    } else {
      await revokeApiKey(sql, id);
      console.log(`Revoked key ${id}: its next request is refused.`);
    }
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`keys: ${error.message}`);
    process.exit(1);
  },
);
