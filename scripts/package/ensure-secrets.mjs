// Generates each named secret once, during `teamsapp provision` (a `script` step in teamsapp.yml):
//   node scripts/package/ensure-secrets.mjs SECRET_TOKEN_CACHE_KEY SECRET_DOWNLOAD_LINK_KEY SECRET_POSTGRES_ADMIN_PASSWORD
// A key that already has a value (from env/.env.<env>.user or the process environment) is left alone.
// For a missing one it prints `::set-teamsfx-env KEY=value`; the toolkit stores SECRET_* keys in the .user file.
// Values are URL-safe (they end up inside DATABASE_URL) and always hold upper case, lower case, a digit and
// a symbol, which satisfies the PostgreSQL flexible server password rules.
import { randomBytes } from 'node:crypto';

const keys = process.argv.slice(2);
if (keys.length === 0) {
  console.error('usage: node scripts/package/ensure-secrets.mjs SECRET_NAME...');
  process.exit(2);
}
for (const key of keys) {
  if (!/^SECRET_[A-Z0-9_]+$/.test(key)) {
    console.error(`refusing to generate ${key}: only SECRET_* keys are generated`);
    process.exit(2);
  }
  if (process.env[key]) continue;
  console.log(`::set-teamsfx-env ${key}=Aa1-${randomBytes(33).toString('base64url')}`);
}
