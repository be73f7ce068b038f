// @ts-check
// ESLint for the server, the specs, the benchmarks, the migrations and the two browser apps.
//
// Why these rules: typescript-eslint's `recommended` set, plus four type-aware rules for the bugs
// this code base can actually have — a promise nobody awaits or catches (no-floating-promises), an
// async function handed to something that ignores its promise, such as an event emitter or a
// `setTimeout` (no-misused-promises), `await` on something that is not a promise (await-thenable),
// and a `switch` over a union that misses a member, even one a `default` would catch, so adding a
// member shows every place that must decide about it (switch-exhaustiveness-check). The rest of
// `recommendedTypeChecked` (the no-unsafe-* family and friends) is left out on purpose: most of it
// would fire on JSON bodies and driver rows that are `any` by nature, and a lint nobody keeps green
// protects nothing. Formatting is Prettier's job (`eslint-config-prettier` last turns off anything
// that would argue with it).
//
// Type information comes from the project service: each file is checked with the nearest
// tsconfig.json, so src/embed/widget and src/desk/app get their own DOM-typed tsconfig and the rest
// gets the root one (which excludes those two folders).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'artifacts/', 'test-artifacts/', '.bench-dist/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // A `let` that a callback reads before its one assignment must stay a `let`: as a `const` the
      // callback would throw (temporal dead zone) if it ran first.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `_name` marks a parameter or binding that must exist but is not read (a Nest hook's
      // argument, a destructured field left out of a copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The dependency between the two runs one way: threads asks spam for a verdict, never the reverse.
    files: ['src/spam/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/threads/*'], message: 'spam must not depend on threads: threads calls spam.' }] },
      ],
    },
  },
  {
    // The specs read HTTP answers typed by the server's own shapes (test/support's vocabulary); what
    // is left as `any` is socket payloads in live-client.ts and live-reader.ts and test-app's raw
    // request default, which the next step should type before this comes back on for test/.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The JavaScript here is configuration (this file, jest.config.js), run by Node.
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
