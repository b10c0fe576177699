import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'data-synthetic/', 'bench/out/', 'test-results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// {@html} is allowed in exactly one place (ChartFigure, serialised Plot SVG); see the file-level override
			'svelte/no-at-html-tags': 'error',
			// links are written as `${base}/path/` plus a query string carrying the filters, and
			// goto() is used for query-only navigation ('?ids=…'): resolve() does not model either
			'svelte/no-navigation-without-resolve': 'off',
			// flags local, non-reactive temporaries (a URLSearchParams built and read in one function)
			'svelte/prefer-svelte-reactivity': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{
		// the one place chart SVG (Plot output, serialised by the DOM so text is escaped) is inserted
		files: ['src/lib/components/ChartFigure.svelte'],
		rules: { 'svelte/no-at-html-tags': 'off' }
	}
);
