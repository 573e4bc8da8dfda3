import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    // Generated or copied-in code: not ours to lint.
    ignores: [
      'node_modules',
      '.output',
      '.wxt',
      'data',
      'coverage',
      'test-results',
      'server/db/generated',
      'test/fixtures',
      'prisma/**/migrations',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page text must never become markup.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render page text as text.' },
        { property: 'outerHTML', message: 'Render page text as text.' },
      ],
    },
  },
  {
    // The views read and write through one data-access layer, extension/data (`@/data`). Their
    // tests may set the database up directly (what the background or a pull would have written).
    files: ['extension/ui/**/*.{ts,tsx}'],
    ignores: ['extension/ui/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'dexie-react-hooks', message: 'Read through @/data.' }],
          patterns: [
            {
              regex: '^@/(db/(?!types$)|sync/|messaging/send-to-background|api/)',
              message: 'Views read and write through @/data (types from @/db/types are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    // Plain JS here is Node scripts (scripts/*.mjs, configs).
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
