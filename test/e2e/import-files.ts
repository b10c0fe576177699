/**
 * Files for the data room's import tests, made from the shared report texts: reports renamed
 * to invented services (the extractor must not lean on real area names), PDFs of them printed
 * by Chromium, and the files a folder of downloads also holds (a note, a binary, a duplicate).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { REPORTS } from '../paths';

export interface TestFile {
	name: string;
	mimeType: string;
	buffer: Buffer;
}

const text = (f: string) => readFileSync(`${REPORTS}/${f}.txt`, 'utf8');

/** The rated reports and the area each names, with the id an invented name gets. */
export const BASES = [
	{ file: 'bury-and-rochdale-2020-06', area: /Bury and Rochdale/g, month: '2020-06' },
	{ file: 'leeds-2019-11', area: /Leeds/g, month: '2019-11' },
	{ file: 'thurrock-2022-08', area: /Thurrock/g, month: '2022-08' }
] as const;

export const SQS = { file: 'derbyshire-sqs-2016-03', area: /Derbyshire/g, month: '2016-03' } as const;

export const renamed = (base: { file: string; area: RegExp }, area: string) => text(base.file).replace(base.area, area);

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A PDF of `body` printed by Chromium: one line of text per line, on a page wide enough that
 * no line wraps (pdf.js then gives the lines back as they were).
 */
export async function printPdf(browser: Browser, body: string): Promise<Buffer> {
	const page: Page = await browser.newPage();
	try {
		const lines = body
			.split(/\r?\n/)
			.map(
				(l) =>
					`<div>${
						l
							.split('\t')
							.map((c) => `<span>${esc(c)}</span>`)
							.join('') || '&nbsp;'
					}</div>`
			)
			.join('');
		await page.setContent(
			`<!doctype html><meta charset="utf-8"><style>body{margin:0;font:8px sans-serif}div{white-space:pre}span+span{margin-left:60px}</style><body>${lines}</body>`
		);
		return await page.pdf({ width: '80in', height: '40in', margin: { top: '0.3in', bottom: '0.3in', left: '0.3in', right: '0.3in' } });
	} finally {
		await page.close();
	}
}

export const INVENTED = [
	'Amberleigh',
	'Brackenfold',
	'Coldharbour Vale',
	'Dunmere',
	'Eskerby',
	'Fallowmere',
	'Glenhallow',
	'Harrowdene',
	'Ivybridge Marsh',
	'Juniper Moor',
	'Kestrel Downs',
	'Larkhollow',
	'Millbrook Fen',
	'Northmoor',
	'Oakenshaw Water',
	'Pennyholt',
	'Quarrendon',
	'Rushcombe',
	'Saltmarsh and Wyke',
	'Thornbury Edge',
	'Umberleigh Heath'
];
export const INVENTED_SQS = ['Vetchfield', 'Wrenhurst', 'Yarrowby', 'Zennor Cross'];

/**
 * 30 files as a folder of downloads might hold them: 21 report texts and 4 report PDFs of
 * invented services, one of those again under another name, a report cut short (partial),
 * a report of an inspection the data holds (Leeds 2019), a note that is no report, and junk.
 */
export async function thirtyFiles(browser: Browser) {
	const texts: TestFile[] = INVENTED.map((area, k) => ({
		name: `${slug(area)}.txt`,
		mimeType: 'text/plain',
		buffer: Buffer.from(renamed(BASES[k % 3], area))
	}));
	const pdfs: TestFile[] = [];
	for (const area of INVENTED_SQS)
		pdfs.push({ name: `${slug(area)}-sqs.pdf`, mimeType: 'application/pdf', buffer: await printPdf(browser, renamed(SQS, area)) });
	const lines = renamed(BASES[0], 'Partington').split('\n');
	const files: TestFile[] = [
		...texts.slice(0, 10),
		pdfs[0],
		{
			name: 'notes from the board meeting.txt',
			mimeType: 'text/plain',
			buffer: Buffer.from('Minutes of the youth justice board.\nApologies: none.\n')
		},
		...texts.slice(10, 15),
		pdfs[1],
		{ name: 'leeds-2019-11.txt', mimeType: 'text/plain', buffer: Buffer.from(text('leeds-2019-11')) },
		...texts.slice(15),
		{ name: 'scan0001.dat', mimeType: 'application/octet-stream', buffer: Buffer.from([0x89, 0x00, 0xff, 0x10, 0x00, 0x42, 0x99]) },
		pdfs[2],
		{
			name: 'partington (first pages).txt',
			mimeType: 'text/plain',
			buffer: Buffer.from(lines.slice(0, Math.round(lines.length / 10)).join('\n'))
		},
		{ name: 'amberleigh (copy).txt', mimeType: 'text/plain', buffer: texts[0].buffer },
		pdfs[3]
	];
	return {
		files,
		/** what the data room should make of each file once every new service has its region */
		ready: [...INVENTED.map((a, k) => `${slug(a)}-${BASES[k % 3].month}`), ...INVENTED_SQS.map((a) => `${slug(a)}-sqs-${SQS.month}`)]
	};
}
