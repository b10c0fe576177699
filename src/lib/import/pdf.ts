/**
 * PDF -> text in the browser with pdfjs-dist (worker served from this site), laid out as
 * the extractor expects: one line per text row, a tab between cells that stand apart.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

interface Item {
	str: string;
	transform: number[];
	width: number;
	hasEOL?: boolean;
}

/** `onPage(i, n)` is told after each page: page i of n read. */
export async function pdfText(bytes: Uint8Array, onPage?: (page: number, pages: number) => void): Promise<string> {
	const pdfjs = await import('pdfjs-dist');
	pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
	const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, disableFontFace: true }).promise;
	const pages: string[] = [];
	for (let p = 1; p <= doc.numPages; p++) {
		const page = await doc.getPage(p);
		const content = await page.getTextContent();
		const rows = new Map<number, Item[]>();
		for (const it of content.items as Item[]) {
			if (!('str' in it) || !it.str) continue;
			const y = Math.round(it.transform[5]);
			const key = [...rows.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
			rows.set(key, [...(rows.get(key) ?? []), it]);
		}
		const lines = [...rows.entries()]
			.sort((a, b) => b[0] - a[0])
			.map(([, items]) => {
				items.sort((a, b) => a.transform[4] - b.transform[4]);
				let line = '';
				let end = -Infinity;
				for (const it of items) {
					const x = it.transform[4];
					const gap = x - end;
					if (line) line += gap > 18 ? '\t' : gap > 1.5 ? ' ' : '';
					line += it.str;
					end = x + it.width;
				}
				return line.trimEnd();
			});
		pages.push(lines.join('\n'));
		page.cleanup();
		onPage?.(p, doc.numPages);
	}
	await doc.destroy();
	return pages.join('\n\n');
}
