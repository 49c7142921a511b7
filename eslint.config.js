import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import prettier from 'eslint-config-prettier'
import jest from 'eslint-plugin-jest'

/**
 * The folder map of CONTRIBUTING.md ("Where things are"): what each folder of src/ may import from the
 * others, as values and as types only. `'*'` is every folder; `folder/file` allows one module of a folder.
 */
const FOLDER_MAP = {
  steps: { values: '*' },
  runner: { values: ['config', 'failures'], types: '*' },
  report: {
    values: ['config', 'security'],
    types: ['download', 'failures', 'go', 'network', 'policy', 'relay']
  },
  cache: {
    values: ['config', 'failures', 'go', 'report/format', 'runner/cache-service', 'runner/state'],
    types: ['report']
  },
  toolchain: { values: ['config', 'failures', 'go', 'network', 'policy', 'security'] },
  relay: { values: ['config', 'failures', 'go', 'network', 'policy', 'security'], types: ['report'] },
  download: { values: ['config', 'failures', 'go', 'network', 'policy', 'security'], types: ['report'] },
  network: { values: ['config', 'failures', 'security'], types: ['report'] },
  policy: { values: ['failures'] },
  config: { values: ['security'], types: ['policy'] },
  go: { values: [] },
  failures: { values: [] },
  security: { values: [] }
}

const folders = readdirSync(new URL('src', import.meta.url), { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name)

/** A relative specifier that climbs out of the folder into `folder/`, except into the modules `allowed`. */
function into(folder, allowed) {
  const except = allowed.length > 0 ? `(?!(${allowed.join('|')})\\.js$)` : ''
  return `^(\\.\\./)+${folder}/${except}`
}

function describeMap(folder, { values, types = [] }) {
  const list = names => names.map(name => (name.includes('/') ? `${name}.ts` : `${name}/`)).join(', ')
  const parts = [values.length > 0 ? list(values) : 'nothing of ours']
  if (types === '*') parts.push('types from any folder but steps/')
  else if (types.length > 0) parts.push(`types from ${list(types)}`)
  return `src/${folder}/ imports only ${parts.join(' and ')} (the folder map in CONTRIBUTING.md).`
}

function folderRules(folder, entry) {
  const { values, types = [] } = entry
  const message = describeMap(folder, entry)
  const patterns = []
  for (const other of folders.filter(name => name !== folder && !values.includes(name))) {
    const allowed = values
      .filter(value => value.startsWith(`${other}/`))
      .map(value => value.slice(other.length + 1))
    const typesAllowed = other !== 'steps' && (types === '*' || types.includes(other))
    patterns.push({ regex: into(other, allowed), message, ...(typesAllowed && { allowTypeImports: true }) })
  }
  const forbidden = folders.filter(other => other !== folder && !values.includes(other))
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
      // no-restricted-imports does not see import(): the same map for dynamic imports, which load values.
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression[source.value=/^(\\.\\.\\x2F)+(${forbidden.join('|')})\\x2F/]`,
          message
        }
      ]
    }
  }
}

const folderMap = Object.entries(FOLDER_MAP)
  .filter(([, entry]) => entry.values !== '*')
  .map(([folder, entry]) => folderRules(folder, entry))

export default tseslint.config(
  { ignores: ['dist/', '.dist-build-*/', 'node_modules/', 'coverage/', 'bench/results/', '**/*.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    // In CommonJS, require() is how a module imports.
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // The runner edge: only src/runner/ talks to @actions/*, so everything else runs without a runner.
    files: ['src/**/*.ts'],
    ignores: ['src/runner/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*'],
              message: 'Only src/runner/ imports @actions/*: go through the Runner port or an adapter there.'
            }
          ]
        }
      ]
    }
  },
  ...folderMap,
  {
    // A promise nobody awaits loses its rejection: src/ awaits each one or says `void` where the code says why.
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' }
  },
  {
    files: ['__tests__/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'expect*'] }],
      'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['unix'] }],
      // Suites run one body per mirror count, platform or input and branch on that parameter, not on a result.
      'jest/no-conditional-expect': 'off'
    }
  }
)
