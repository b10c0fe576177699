/**
 * The report extractor off the page's thread: one message in (a file's name and text), one out
 * (the extraction or the reason it is refused). The page keeps answering while a long text is
 * read, and can stop a read by ending this worker (./off-thread.ts).
 */
import { readReport } from './report';

export interface ReadRequest {
	id: number;
	file: string;
	text: string;
}

self.onmessage = (e: MessageEvent<ReadRequest>) => {
	const { id, file, text } = e.data;
	try {
		self.postMessage({ id, result: readReport(file, text) });
	} catch (err) {
		self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
	}
};
