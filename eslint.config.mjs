import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Folders of src/ that hold a domain: the shared layers below them must not import them.
const DOMAINS = [
  'auth',
  'regions',
  'institutions',
  'services',
  'one-stop',
  'referrals',
  'events',
  'audit',
  'statistics',
  'directory-import',
  'seed',
];
const noImportOf = (folders, why) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: folders.flatMap((f) => [`../${f}/*`, `../../${f}/*`]), message: why }] },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      // The bench's peer (PostGraphile 4): plain JavaScript with its own dependencies.
      'bench/peer/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The shared layers know no domain and not the composition root (ARCHITECTURE.md).
    files: ['src/db/**/*.ts', 'src/schema/**/*.ts'],
    rules: noImportOf(
      [...DOMAINS, 'app'],
      'src/db and src/schema are shared layers: they import no domain and not src/app.',
    ),
  },
  {
    files: DOMAINS.map((domain) => `src/${domain}/**/*.ts`),
    rules: noImportOf(['app'], 'only src/app knows every domain: domains never import it.'),
  },
  {
    // GraphQL responses are untyped JSON: tests read them as such.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
