import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printApiSchema } from '../../src/app/schema';

describe('schema/schema.graphql', () => {
  it('is exactly what the code emits (run `npm run schema:emit` and commit the file)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
    expect(committed).toBe(printApiSchema());
  });
});
