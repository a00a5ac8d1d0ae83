// npm run schema:emit (and npm run build): writes schema/schema.graphql from the code.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printApiSchema } from './schema';

export const SCHEMA_FILE = path.resolve(
  __dirname,
  '../../',
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.',
  'schema/schema.graphql',
);

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, printApiSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
