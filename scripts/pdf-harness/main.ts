/**
 * The benchmark's harness page (built by scripts/bench.ts with vite, served by scripts/serve.ts):
 * the data room's PDF reader, src/lib/import/pdf.ts, as the site ships it (pdf.js and its worker
 * served from the page's origin), timed from the bytes in memory to the laid-out text.
 */
import { pdfText } from '../../src/lib/import/pdf';

declare global {
	interface Window {
		readPdf(url: string): Promise<{ ms: number; chars: number; text: string }>;
	}
}

window.readPdf = async (url: string) => {
	const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
	const started = performance.now();
	const text = await pdfText(bytes);
	return { ms: performance.now() - started, chars: text.length, text };
};
document.documentElement.dataset.ready = 'true';
